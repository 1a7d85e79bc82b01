//! Behaviour of the identity core that schemas cannot show (API.md §2, §3, §8).

mod xorshift;

use std::collections::BTreeMap;
use std::str::FromStr;

use greentic_types::{
    ApiKeyRef, Cloud, DeploymentCtx, EnvId, ErrorCode, ErrorDetail, FlowId, GreenticError,
    HashAlgorithm, HashDigest, Impersonation, InvocationDeadline, InvocationEnvelope, NodeError,
    Outcome, PackId, Platform, RedactionPath, SemverReq, SessionKey, TeamId, TenantContext,
    TenantCtx, TenantId, TenantIdentity, UserId, Validate,
};
use serde_json::json;

fn tenant_ctx() -> TenantCtx {
    TenantCtx::new(EnvId::new("prod").unwrap(), TenantId::new("acme").unwrap())
}

#[test]
fn identifiers_accept_the_default_rule_and_name_the_rule_they_break() {
    for ok in ["a", "A-b_c.9", "...", ".a", "..a", "x".repeat(256).as_str()] {
        assert_eq!(PackId::new(ok).map(|p| p.into_inner()), Ok(ok.to_owned()));
    }
    // Identifiers become path segments: never a directory, never a flood.
    for (bad, rule) in [
        (".", "must not be '.' or '..'"),
        ("..", "must not be '.' or '..'"),
        (&*"x".repeat(257), "must be at most 256 characters long"),
    ] {
        assert_eq!(
            PackId::new(bad).unwrap_err().message,
            format!("PackId {rule}")
        );
    }
    assert_eq!(
        FlowId::new("").unwrap_err().message,
        "FlowId must not be empty"
    );
    for bad in ["a b", "a/b", "a:b", "é", " ", "a\n"] {
        assert_eq!(
            FlowId::new(bad).unwrap_err().message,
            "FlowId must contain only ASCII letters, digits, '.', '-', '_'",
            "{bad:?}"
        );
    }
}

#[test]
fn identifiers_offer_the_conversions_of_a_string() {
    let id = TenantId::from_str("acme").unwrap();
    assert_eq!(id.as_str(), "acme");
    assert_eq!(id.to_string(), "acme");
    assert_eq!(id, "acme");
    assert_eq!("acme", id);
    assert_eq!(id, String::from("acme"));
    assert_eq!(TenantId::try_from(String::from("acme")), Ok(id.clone()));
    assert_eq!(TenantId::try_from("acme"), Ok(id.clone()));
    assert!(TenantId::try_from("a b").is_err());
    let s: String = id.clone().into();
    assert_eq!(s, "acme");
    let mut by_str: BTreeMap<TenantId, u8> = BTreeMap::new();
    by_str.insert(id.clone(), 1);
    assert_eq!(
        by_str.get("acme"),
        Some(&1),
        "Borrow<str> lets maps be queried by &str"
    );
    // 0.4.13's signatures: `GResult<Self>` from `new`, `FromStr` and `TryFrom`.
    let e: GreenticError = TenantId::new("").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let parsed: greentic_types::GResult<TenantId> = "a b".parse();
    assert_eq!(
        parsed.unwrap_err().message,
        "TenantId must contain only ASCII letters, digits, '.', '-', '_'"
    );
    let tried: Result<TenantId, GreenticError> = TenantId::try_from(String::new());
    assert!(tried.is_err());
}

/// An identifier made from an owned string keeps no spare room: a long one
/// built in a large buffer holds (and hands back) only its own bytes, short
/// or long, from `TryFrom<String>` or from an owned string on input.
#[test]
fn identifiers_from_owned_strings_keep_no_spare_capacity() {
    for len in [3, 30, 250] {
        let mut text = String::with_capacity(1 << 16);
        text.push_str(&"a".repeat(len));
        let id = TenantId::try_from(text).unwrap();
        // Not through a clone: a clone allocates afresh and would hide it.
        assert!(id.into_inner().capacity() < 2 * len.max(24), "{len}");
        let read: TenantId = serde_json::from_value(serde_json::Value::String({
            let mut s = String::with_capacity(1 << 16);
            s.push_str(&"b".repeat(len));
            s
        }))
        .unwrap();
        assert!(read.into_inner().capacity() < 2 * len.max(24), "{len}");
    }
}

#[test]
fn identifiers_are_validated_on_deserialize_and_work_as_map_keys() {
    assert_eq!(
        serde_json::from_value::<PackId>(json!("p.1")).unwrap(),
        "p.1"
    );
    let err = serde_json::from_value::<PackId>(json!("p 1")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "PackId must contain only ASCII letters, digits, '.', '-', '_'"
    );
    assert!(serde_json::from_value::<PackId>(json!(7)).is_err());
    let map: BTreeMap<PackId, u8> = serde_json::from_value(json!({"a": 1, "b": 2})).unwrap();
    assert_eq!(serde_json::to_value(&map).unwrap(), json!({"a": 1, "b": 2}));
    assert!(serde_json::from_value::<BTreeMap<PackId, u8>>(json!({"a b": 1})).is_err());
}

#[test]
fn api_key_refs_take_ascii_without_whitespace() {
    assert!(ApiKeyRef::new("secret://vault/key:1?x#y").is_ok());
    assert!(
        ApiKeyRef::new("nul\u{0}inside").is_ok(),
        "0.4.13 accepts control characters"
    );
    assert_eq!(
        ApiKeyRef::new("").unwrap_err().message,
        "ApiKeyRef must not be empty"
    );
    for bad in ["a b", "\t", "ключ", "a\u{a0}"] {
        assert_eq!(
            ApiKeyRef::new(bad).unwrap_err().message,
            "ApiKeyRef must contain only ASCII characters other than whitespace"
        );
    }
}

#[test]
fn semver_requirements_keep_their_text() {
    let req = SemverReq::parse(">= 1.2,  < 2").unwrap();
    assert_eq!(req.to_string(), ">= 1.2,  < 2");
    assert!(req.to_version_req().matches(&semver::Version::new(1, 5, 0)));
    assert!(!req.to_version_req().matches(&semver::Version::new(2, 0, 0)));
    for bad in ["", "1..0", "v1.0.0", "> =1.0.0"] {
        assert!(SemverReq::parse(bad).is_err(), "{bad:?}");
    }
    let err = SemverReq::parse("1..0").unwrap_err().message;
    assert!(
        err.starts_with("SemverReq must be a SemVer version requirement ("),
        "{err}"
    );
    assert!(
        !err.contains("1..0"),
        "the rejected value is never echoed: {err}"
    );
    assert_eq!(serde_json::to_value(&req).unwrap(), json!(">= 1.2,  < 2"));
}

#[test]
fn redaction_paths_start_with_dollar_and_have_no_control_characters() {
    assert!(RedactionPath::parse("$").is_ok());
    assert!(RedactionPath::parse("$.payload['card number']").is_ok());
    assert_eq!(
        RedactionPath::parse("payload").unwrap_err().message,
        "RedactionPath must start with '$'"
    );
    assert!(RedactionPath::parse("$.a\u{7}").is_err());
    assert!(RedactionPath::parse("$.a\u{85}").is_err());
}

#[test]
fn tenant_ctx_builders_keep_legacy_twins_in_step() {
    let identity = TenantIdentity {
        tenant_id: TenantId::new("other").unwrap(),
        team_id: Some(TeamId::new("t").unwrap()),
        user_id: Some(UserId::new("u").unwrap()),
        impersonation: Some(
            Impersonation::new(UserId::new("admin").unwrap()).with_reason("support"),
        ),
        attributes: BTreeMap::from([("k".into(), "v".into())]),
    };
    let deadline = InvocationDeadline::from_unix_millis(1_700_000_000_000);
    let ctx = tenant_ctx()
        .with_attributes(BTreeMap::from([("old".into(), "x".into())]))
        .with_identity(identity.clone())
        .with_session("s")
        .with_flow("f")
        .with_node("n")
        .with_provider("p")
        .with_attempt(3)
        .with_deadline(Some(deadline));
    assert_eq!(
        (ctx.tenant.as_str(), ctx.tenant_id.as_str()),
        ("other", "other")
    );
    assert_eq!(ctx.team, ctx.team_id);
    assert_eq!(ctx.user, ctx.user_id);
    assert_eq!(
        ctx.attributes, identity.attributes,
        "with_identity replaces attributes"
    );
    assert_eq!(
        (
            ctx.session_id(),
            ctx.flow_id(),
            ctx.node_id(),
            ctx.provider_id()
        ),
        (Some("s"), Some("f"), Some("n"), Some("p"))
    );
    assert_eq!(ctx.impersonated_by().map(UserId::as_str), Some("admin"));
    assert_eq!(ctx.identity(), identity);
    let context = ctx.tenant_context();
    assert_eq!(context.team_id.as_ref().map(TeamId::as_str), Some("t"));
    assert_eq!(context.session_id.as_deref(), Some("s"));
    assert!(ctx.validate().is_ok());
}

#[test]
fn tenant_ctx_wire_form_is_0_4_13s() {
    let ctx = tenant_ctx().with_team(Some(TeamId::new("t").unwrap()));
    assert_eq!(
        serde_json::to_value(&ctx).unwrap(),
        json!({"env": "prod", "tenant": "acme", "tenant_id": "acme", "team": "t", "team_id": "t", "attempt": 0})
    );
    // `attempt` is required, as in 0.4.13; legacy documents with one twin still read.
    let err =
        serde_json::from_value::<TenantCtx>(json!({"env": "p", "tenant": "a", "tenant_id": "a"}))
            .unwrap_err();
    assert!(err.to_string().contains("missing field `attempt`"), "{err}");
    let legacy: TenantCtx = serde_json::from_value(
        json!({"env": "p", "tenant": "a", "tenant_id": "a", "team": "t", "attempt": 1}),
    )
    .unwrap();
    assert_eq!(legacy.team().map(TeamId::as_str), Some("t"));
    assert_eq!(TenantContext::from(&legacy).team_id, legacy.team);
}

#[test]
fn tenant_ctx_twins_that_disagree_are_rejected_with_every_path() {
    let err = serde_json::from_value::<TenantCtx>(json!({
        "env": "p", "tenant": "a", "tenant_id": "b", "user": "u1", "user_id": "u2", "attempt": 0
    }))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "/tenant: must equal `tenant_id` (legacy twin); /user: must equal `user_id` (legacy twin)"
    );
    // The same rule guards values built by hand through the public fields.
    let mut ctx = tenant_ctx();
    ctx.team = Some(TeamId::new("x").unwrap());
    ctx.team_id = Some(TeamId::new("y").unwrap());
    let violations = ctx.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations.as_slice()[0].path, "/team");
}

#[test]
fn deadlines_convert_without_panicking() {
    let d = InvocationDeadline::from_unix_millis(1_500);
    assert_eq!(
        serde_json::to_value(d).unwrap(),
        json!({"unix_millis": 1500})
    );
    let t = d.to_offset_date_time().unwrap();
    assert_eq!(t.unix_timestamp(), 1);
    assert_eq!(InvocationDeadline::from_offset_date_time(t), d);
    let before_epoch = time::OffsetDateTime::from_unix_timestamp_nanos(-1_999_999).unwrap();
    assert_eq!(
        InvocationDeadline::from_offset_date_time(before_epoch).unix_millis(),
        -1,
        "truncates toward zero"
    );
    assert!(
        InvocationDeadline::from_unix_millis(i128::MAX)
            .to_offset_date_time()
            .is_err()
    );
    assert!(
        InvocationDeadline::from_unix_millis(i128::MIN)
            .to_offset_date_time()
            .is_err()
    );
}

#[test]
fn hash_digests_cannot_hold_bad_hex() {
    let d = HashDigest::blake3("00ffAB").unwrap();
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"algo": "blake3", "hex": "00ffAB"})
    );
    for bad in ["", "abc", "zz"] {
        assert!(HashDigest::blake3(bad).is_err(), "{bad:?}");
    }
    let err =
        serde_json::from_value::<HashDigest>(json!({"algo": "blake3", "hex": "abc"})).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/hex: must have an even number of hex digits"
    );
    let other: HashDigest =
        serde_json::from_value(json!({"algo": {"other": "sha256"}, "hex": "00"})).unwrap();
    assert_eq!(other.algo(), &HashAlgorithm::Other("sha256".into()));
}

#[test]
fn errors_travel_in_0_4_13s_shapes() {
    assert_eq!(
        serde_json::to_value(ErrorCode::PermissionDenied).unwrap(),
        json!("permission_denied")
    );
    let e = GreenticError::new(ErrorCode::NotFound, "no pack");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"code": "not_found", "message": "no pack"})
    );
    assert_eq!(e.to_string(), "not_found: no pack");

    let io = std::io::Error::other("disk");
    let node = NodeError::new("E1", "boom")
        .with_retry(Some(250))
        .with_detail_text("why")
        .with_source(io);
    assert_eq!(
        serde_json::to_value(&node).unwrap(),
        json!({"code": "E1", "message": "boom", "retryable": true, "backoff_ms": 250, "details": {"Text": "why"}})
    );
    assert_eq!(
        std::error::Error::source(&node)
            .map(ToString::to_string)
            .as_deref(),
        Some("disk"),
        "the source is kept in process"
    );
    let plain = NodeError::new("E2", "x");
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({"code": "E2", "message": "x", "retryable": false, "backoff_ms": null, "details": null})
    );
    let back: NodeError =
        serde_json::from_value(json!({"code": "E2", "message": "x", "retryable": false})).unwrap();
    assert_eq!(back, plain);
    assert_eq!(
        serde_json::to_value(ErrorDetail::Binary(vec![0, 255])).unwrap(),
        json!({"Binary": [0, 255]})
    );
}

#[test]
fn outcomes_and_deployments_use_pascal_case_tags() {
    let done: Outcome<u8> = Outcome::Done(1);
    assert_eq!(serde_json::to_value(&done).unwrap(), json!({"Done": 1}));
    let pending: Outcome<u8> = Outcome::Pending {
        reason: "wait".into(),
        expected_input: None,
    };
    assert_eq!(
        serde_json::to_value(&pending).unwrap(),
        json!({"Pending": {"reason": "wait"}})
    );
    let failed: Outcome<u8> =
        serde_json::from_value(json!({"Error": {"code": "timeout", "message": "m"}})).unwrap();
    assert!(failed.is_error() && !failed.is_done() && !failed.is_pending());
    assert_eq!(done.map(|n| n + 1), Outcome::Done(2));
    // Validation reaches into a variant's content, at the variant's key.
    let mut bad = tenant_ctx();
    bad.tenant = TenantId::new("someone-else").unwrap();
    let nested: Outcome<TenantCtx> = Outcome::Done(bad);
    let violations = nested.validate().unwrap_err();
    assert_eq!(
        violations.to_string(),
        "/Done/tenant: must equal `tenant_id` (legacy twin)"
    );
    assert!(Outcome::Done(tenant_ctx()).validate().is_ok());

    let dep = DeploymentCtx::new(Cloud::Hetzner, Platform::CfWorkers);
    assert_eq!(
        serde_json::to_value(&dep).unwrap(),
        json!({"cloud": "Hetzner", "region": null, "platform": "CfWorkers", "runtime": null})
    );
}

#[test]
fn envelopes_carry_bytes_as_integer_arrays() {
    let env = InvocationEnvelope {
        ctx: tenant_ctx(),
        flow_id: "f".into(),
        node_id: None,
        op: "run".into(),
        payload: vec![1, 2, 255],
        metadata: vec![],
    };
    let v = serde_json::to_value(&env).unwrap();
    assert_eq!(v["payload"], json!([1, 2, 255]));
    assert_eq!(v["node_id"], json!(null));
    assert!(
        serde_json::from_value::<InvocationEnvelope>(json!({
            "ctx": v["ctx"], "flow_id": "f", "op": "run", "payload": "AQI=", "metadata": []
        }))
        .is_err(),
        "base64 is not the wire form"
    );
}

#[test]
fn session_keys_are_transparent_strings() {
    let key = SessionKey::from("a:b");
    assert_eq!(serde_json::to_value(&key).unwrap(), json!("a:b"));
    assert_eq!(key.to_string(), "a:b");
}

#[cfg(feature = "uuid")]
#[test]
fn session_keys_can_be_random_uuids() {
    let generated = SessionKey::generate();
    assert_eq!(generated.as_str().len(), 36);
    assert_eq!(generated.as_str(), generated.as_str().to_lowercase());
    assert_ne!(generated, SessionKey::generate());
}

#[cfg(feature = "otel-keys")]
#[test]
fn otlp_keys_follow_the_greentic_naming_scheme() {
    use greentic_types::OtlpKeys;
    assert_eq!(OtlpKeys::SERVICE_NAME, "service.name");
    let names = [
        "PACK_ID",
        "PACK_VERSION",
        "FLOW_ID",
        "NODE_ID",
        "COMPONENT_NAME",
        "COMPONENT_VERSION",
        "TENANT_ID",
        "TEAM_ID",
        "USER_ID",
        "SESSION_ID",
        "RUN_STATUS",
        "CAPABILITY",
        "ARTIFACTS_DIR",
    ];
    for (name, value) in names.iter().zip(&OtlpKeys::ALL[1..]) {
        assert_eq!(
            *value,
            format!("greentic.{}", name.to_lowercase().replace('_', "."))
        );
    }
    assert_eq!(serde_json::to_value(OtlpKeys).unwrap(), json!(null));
}

/// A rule's ASCII table (the fast path of its check) says of every `char`
/// what the rule's `allowed` says, for each identifier rule of the crate.
#[test]
fn ascii_tables_of_identifier_rules_agree_with_their_character_predicates() {
    let rules = [
        ("FlowId", FlowId::RULE),
        ("SemverReq", SemverReq::RULE),
        ("ApiKeyRef", ApiKeyRef::RULE),
        ("RedactionPath", RedactionPath::RULE),
    ];
    let mut tabled = 0;
    for (name, rule) in rules {
        let Some((ascii, non_ascii)) = rule.ascii_table() else {
            continue;
        };
        tabled += 1;
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let by_table = if c.is_ascii() {
                ascii[c as usize]
            } else {
                non_ascii
            };
            assert_eq!(by_table, (rule.allowed())(c), "{name} on {c:?}");
        }
    }
    assert!(tabled >= 2, "the default rule and SemverReq's have tables");
}

/// `SemverReq` accepts exactly what `semver::VersionReq::parse` accepts
/// (its check reads comparator by comparator, settles plain `>=1.2.3`
/// shapes without `semver`, and falls back to that parser only to reject),
/// on 60,000 strings made of the grammar's own pieces and
/// the edges: wildcards anywhere, 32 and 33 comparators, stray commas.
#[test]
fn semver_requirements_are_accepted_exactly_when_semver_parses_them() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "10",
        "01",
        "18446744073709551615",
        "1234567890123456789",
        "9999999999999999999",
        "99999999999999999999",
        "18446744073709551616",
        ".",
        ".",
        ",",
        ", ",
        " ",
        "*",
        "x",
        "X",
        "^",
        "~",
        "=",
        ">",
        ">=",
        "<",
        "<=",
        "-",
        "+",
        "a",
        "rc",
        "0a",
        "\t",
        "\u{e9}",
        "||",
    ];
    let mut next = xorshift::below();
    let mut accepted = 0;
    let mut cases: Vec<String> = (0..60_000)
        .map(|_| (0..=next(12)).map(|_| PIECES[next(PIECES.len())]).collect())
        .collect();
    for n in [1, 31, 32, 33] {
        cases.push(vec!["1"; n].join(", "));
        cases.push(vec![">=1.2.3-rc.1+b"; n].join(","));
    }
    cases.extend(
        [
            "*",
            " x ",
            "X",
            "1, *",
            "*, 1",
            "x, 1",
            "1.*",
            "1.*.3",
            "1,",
            ",1",
            "",
            " ",
            " 1 ,  2 ",
            ">= 1.2.3 , <2",
            "^0.0.0",
            "~ 01.2",
            "=1.2.3.4",
            "<=1.2.",
            "> =1",
            "1234567890123456789.0.0",
            "12345678901234567890.0.0",
            "18446744073709551616.0.0",
            "1.2.3.",
            "1.2.3.,1",
            "==1",
            "1.2 .3",
            ">=1.2.3, <2.0.0, ",
        ]
        .map(String::from),
    );
    for s in &cases {
        let parses = semver::VersionReq::parse(s).is_ok();
        assert_eq!(SemverReq::new(s).is_ok(), parses, "{s:?}");
        accepted += usize::from(parses);
    }
    assert!(
        accepted > 1_000 && accepted < cases.len() - 1_000,
        "{accepted}/{}",
        cases.len()
    );
}
