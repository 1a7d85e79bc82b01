//! Bad input of this domain through `greentic-types validate`, as a user runs
//! it: each class is an error naming the JSON pointer and the rule (exit 1),
//! never a panic. Only the pointer and the rule are pinned, not the line format.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/runs/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the CLI; returns exit code and stdout + stderr.
fn cli(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_greentic-types"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("exit");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// Runs `validate --model slug --jsonl` on one line; exit code and output.
fn validate_line(slug: &str, line: &str) -> (i32, String) {
    cli(
        &["validate", "--model", slug, "--jsonl"],
        &format!("{line}\n"),
    )
}

/// Validates `bad/<file>` as `slug`; asserts exit 1 and that the output
/// names `pointer` and contains `rule`.
fn rejects(slug: &str, file: &str, pointer: &str, rule: &str) {
    let path = fixture_path(&format!("bad/{file}"));
    let (code, out) = cli(&["validate", "--model", slug, &path], "");
    assert_eq!(code, 1, "{file}: {out}");
    assert!(
        out.lines()
            .any(|l| l.contains(&format!("{pointer}: ")) && l.contains(rule)),
        "{file}: expected `{pointer}` and `{rule}` on one line in:\n{out}"
    );
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn wrong_types_name_the_field() {
    rejects(
        "channel-message-envelope",
        "channel-message-envelope.wrong-type.json",
        "/channel",
        "invalid type: integer `5`, expected a string",
    );
    rejects(
        "event-provider-descriptor",
        "event-provider-descriptor.wrong-other-transport.json",
        "/transport/other",
        "invalid type: integer `5`",
    );
    rejects(
        "repo-tenant-config",
        "repo-tenant-config.wrong-type-in-defaulted.json",
        "/enabled_packs/scanners",
        "expected a sequence",
    );
    rejects(
        "run-result",
        "run-result.bad-version.json",
        "/pack_version",
        "minor version",
    );
}

#[test]
fn unknown_variants_list_the_known_ones() {
    rejects(
        "run-result",
        "run-result.unknown-status.json",
        "/status",
        "unknown variant `done`, expected one of `success`, `partial_failure`, `failure`",
    );
    rejects(
        "resolve-component-response",
        "resolve-component-response.unknown-artifact-kind.json",
        "/artifact/kind",
        "unknown variant `ftp`",
    );
}

#[test]
fn missing_required_lists_are_named() {
    rejects(
        "deployment-plan",
        "deployment-plan.missing-secrets.json",
        "(root)",
        "missing field `secrets`",
    );
}

#[test]
fn invalid_identifiers_inside_tenant_and_elsewhere_name_their_pointer() {
    rejects(
        "channel-message-envelope",
        "channel-message-envelope.bad-tenant-id.json",
        "/tenant/tenant_id",
        "TenantId must contain only ASCII letters",
    );
    rejects(
        "event-envelope",
        "event-envelope.tenant-twins-disagree.json",
        "/tenant/team",
        "must equal `team_id`",
    );
    rejects(
        "event-envelope",
        "event-envelope.bad-event-id.json",
        "/id",
        "EventId must contain only",
    );
    rejects(
        "run-result",
        "run-result.bad-node-summary.json",
        "/node_summaries/1/node_id",
        "NodeId must contain only",
    );
}

#[test]
fn timestamps_out_of_range_or_malformed_are_errors() {
    rejects(
        "event-envelope",
        "event-envelope.time-out-of-range.json",
        "/time",
        "out of range",
    );
    rejects(
        "event-envelope",
        "event-envelope.time-without-offset.json",
        "/time",
        "not an RFC 3339 timestamp",
    );
    rejects(
        "run-result",
        "run-result.legacy-time-out-of-range.json",
        "/started_at_utc",
        "ordinal",
    );
}

#[test]
fn a_did_context_of_the_wrong_shape_is_an_error() {
    rejects(
        "tenant-did-document",
        "tenant-did-document.context-wrong-shape.json",
        "/@context",
        "a URL string or an array of URL strings",
    );
}

#[test]
fn payload_json_that_is_not_json_is_accepted_on_read() {
    // The wire keeps `payload_json` as text; only `payload()` parses it
    // (tests/runs_messaging.rs pins that error).
    let path = fixture_path("bad/worker-request.payload-not-json.json");
    let (code, out) = cli(&["validate", "--model", "worker-request", &path], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok"), "{out}");
}

#[test]
fn jsonl_answers_each_envelope_line_with_its_verdict() {
    let good = std::fs::read_to_string(fixture_path("channel-message-envelope.json")).unwrap();
    let bad = std::fs::read_to_string(fixture_path(
        "bad/channel-message-envelope.bad-tenant-id.json",
    ))
    .unwrap();
    let input = format!("{}\n{}\n{{\"id\": 1}}\n", good.trim(), bad.trim());
    let (code, out) = cli(
        &["validate", "--model", "channel-message-envelope", "--jsonl"],
        &input,
    );
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("ok ") && lines[0].contains("\"channel\":\"slack\""),
        "{out}"
    );
    assert!(lines[1].contains("/tenant/tenant_id: TenantId"), "{out}");
    assert!(lines[2].contains("/id: invalid type"), "{out}");
}

#[test]
fn tenant_config_reads_from_yaml_files() {
    let dir = std::env::temp_dir().join(format!("greentic-types-runs-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("tenant.yaml");
    std::fs::write(
        &good,
        "tenant_id: acme\nenabled_packs:\n  scanners: [greentic.scan.trivy]\nstores: []\n",
    )
    .unwrap();
    let bad = dir.join("did.yaml");
    std::fs::write(&bad, "'@context': {vocab: x}\nid: did:web:acme\n").unwrap();
    let (code, out) = cli(
        &[
            "validate",
            "--model",
            "repo-tenant-config",
            &good.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = cli(
        &[
            "validate",
            "--model",
            "tenant-did-document",
            &bad.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/@context: invalid type: map"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// When a document has a real problem, the schema pass that lists the rest
/// does not report forms the code reads but the schema does not describe:
/// 0.4.13's timestamp arrays, an event's relaxed `time`, serde's
/// `{"variant": null}` for a unit variant. A malformed value of the same
/// place is still reported.
#[test]
fn the_schema_pass_does_not_report_forms_the_code_reads() {
    let run = r#"{"session_id":"s","pack_id":"p","pack_version":"1.0.0","flow_id":"f","status":"bogus","started_at_utc":[2023,318,22,13,20,0,0,0,0],"finished_at_utc":TIME}"#;
    let (code, out) = validate_line(
        "run-result",
        &run.replace("TIME", "[2023,318,22,13,21,0,0,0,0]"),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/status: unknown variant `bogus`"), "{out}");
    assert!(!out.contains("_at_utc"), "legacy arrays are read: {out}");
    let (_, out) = validate_line("run-result", &run.replace("TIME", "[2023,318]"));
    assert!(
        out.contains("/finished_at_utc: "),
        "a short array is not: {out}"
    );
    assert!(!out.contains("/started_at_utc"), "{out}");

    let event = r#"{"id":5,"topic":"t","type":"x","source":"s","tenant":{"env":"prod","tenant":"acme","tenant_id":"acme","attempt":0},"time":"TIME","payload":null}"#;
    for (time, reported) in [
        ("2024-05-01 14:30:00 +0000", false),
        (" 2024-5-1t1:2:3.5 utc", false),
        ("\u{3000}2024-05-01T14:30:00\u{85}Z", false),
        ("2024-05-01T14:30:00+00", true),
        ("2024-13-01T00:00:00Z", true),
        ("2024-05-01T25:00:00Z", true),
        ("2024-05-01T14:99:00Z", true),
        ("2024-05-01T14:30:00+24:00", true),
        ("+10000-01-01T00:00:00Z", true),
        ("\u{feff}2024-05-01T14:30:00Z", true),
    ] {
        let (code, out) = validate_line(
            "event-envelope",
            &event.replace("\"TIME\"", &serde_json::to_string(time).unwrap()),
        );
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("/id: invalid type: integer `5`"), "{out}");
        assert_eq!(out.contains("/time: "), reported, "{time:?}: {out}");
    }

    // Only where the subschema lists the variant as a string: not for a
    // string field, and each such value is judged at its own pointer.
    let many: Vec<String> = (0..500)
        .map(|i| format!(r#""k{i}":{{"a":null}}"#))
        .collect();
    let (code, out) = validate_line(
        "event-envelope",
        &event.replace("TIME", "2024-05-01T14:30:00Z").replace(
            r#""payload":null"#,
            &format!(r#""payload":null,"metadata":{{{}}}"#, many.join(",")),
        ),
    );
    assert_eq!(code, 1, "{out}");
    for i in 0..500 {
        assert!(
            out.contains(&format!("/metadata/k{i}: ")),
            "k{i} is reported: {out}"
        );
    }
    let (_, out) = validate_line(
        "run-result",
        &run.replace("TIME", "[2023,318,22,13,21,0,0,0,0]")
            .replace(r#""session_id":"s""#, r#""session_id":5"#)
            .replace(r#""status":"bogus""#, r#""status":{"success":null}"#),
    );
    assert!(out.contains("/session_id: "), "{out}");
    assert!(
        !out.contains("/status"),
        "a unit variant as an object is read: {out}"
    );
    // Also behind a `$ref` (`Option<PackKind>` is `anyOf [{"$ref"}, null]`).
    let (_, out) = validate_line(
        "pack-manifest",
        "{\"version\":\"1.0.0\",\"kind\":{\"application\":null}}",
    );
    assert!(out.contains("missing field `id`"), "{out}");
    assert!(!out.contains("/kind"), "{out}");
    // And inside the one alternative of an optional struct that was tried.
    let (_, out) = validate_line(
        "component-capabilities",
        r#"{"host":{"telemetry":{"scope":{"tenant":null}}}}"#,
    );
    assert!(out.contains("missing field `wasi`"), "{out}");
    assert!(!out.contains("/host/telemetry"), "{out}");
    let (_, out) = validate_line(
        "component-capabilities",
        r#"{"host":{"telemetry":{"scope":{"nobody":null}}}}"#,
    );
    assert!(out.contains("/host/telemetry/scope"), "{out}");

    let response =
        std::fs::read_to_string(fixture_path("resolve-component-response.json")).unwrap();
    let (_, out) = validate_line(
        "resolve-component-response",
        &response
            .trim()
            .replacen(r#""digest":"#, r#""digest":5,"x":"#, 1)
            .replace(r#""signer":"unknown""#, r#""signer":{"alice":null}"#),
    );
    assert!(out.contains("/signature/signer: "), "{out}");
    for (status, reported) in [(r#"{"ready":null}"#, false), (r#"{"bogus":null}"#, true)] {
        let mut doc: serde_json::Value = serde_json::from_str(&response).unwrap();
        doc["status"] = serde_json::from_str(status).unwrap();
        doc["digest"] = 5.into();
        let (code, out) = validate_line("resolve-component-response", &doc.to_string());
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("/digest: "), "{out}");
        assert_eq!(out.contains("/status: "), reported, "{status}: {out}");
    }
}

/// Inside an internally tagged variant (serde reads it buffered and reports
/// at the variant), a wrong type is reported at its member; an unknown tag
/// after an earlier problem is reported at the tag with the known variants.
#[test]
fn tagged_variants_are_reported_at_their_member_and_unknown_tags_list_the_known() {
    let response =
        std::fs::read_to_string(fixture_path("resolve-component-response.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&response).unwrap();
    doc["artifact"] = serde_json::json!({"kind": "file_path", "path": 5});
    let (code, out) = validate_line("resolve-component-response", &doc.to_string());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("/artifact/path: invalid type: integer `5`, expected a string"),
        "{out}"
    );
    assert!(
        !out.contains("/artifact: "),
        "reported once, at the member: {out}"
    );

    // In document order: `digest` (wrong) before `artifact`.
    let text = response
        .replace(r#""kind":"file_path""#, r#""kind":"nope""#)
        .replacen(r#""digest":"#, r#""digest":5,"was":"#, 1);
    let (code, out) = validate_line("resolve-component-response", &text.replace('\n', ""));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/digest: "), "{out}");
    assert!(
        out.contains(r#"/artifact/kind: value is none of the variants "file_path", "oci_reference", "distributor_internal""#),
        "{out}"
    );
}
