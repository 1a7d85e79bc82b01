//! Derived keys: 0.4.13's vectors, and injectivity where 0.4.13 collided.

use greentic_types::{
    EnvId, StatePath, TenantCtx, TenantId, canonical_session_key, make_idempotency_key,
};
use proptest::prelude::*;

fn ctx(tenant: &str) -> TenantCtx {
    TenantCtx::new(
        EnvId::new("prod").expect("env"),
        TenantId::new(tenant).expect("tenant"),
    )
}

#[test]
fn idempotency_key_matches_the_0_4_13_vectors() {
    let c = ctx("tenant-123");
    assert_eq!(
        make_idempotency_key(&c, "flow-1", Some("node-1"), Some("corr")),
        "4cb1472ec0206400dc3fb697709045a6"
    );
    assert_eq!(
        make_idempotency_key(&c, "", None, None),
        "c71e0a008d5175b59c90680aae0eea6c"
    );
    // The correlation falls back to the context's, and an explicit one wins.
    let with_corr = c.clone().with_correlation("corr");
    assert_eq!(
        make_idempotency_key(&with_corr, "flow-1", Some("node-1"), None),
        "4cb1472ec0206400dc3fb697709045a6"
    );
    assert_eq!(
        make_idempotency_key(&with_corr, "", None, Some("")),
        "c71e0a008d5175b59c90680aae0eea6c"
    );
    // env, team and user are not part of the key.
    let other_env = TenantCtx::new(
        EnvId::new("dev").expect("env"),
        TenantId::new("tenant-123").expect("t"),
    );
    assert_eq!(
        make_idempotency_key(&other_env, "flow-1", Some("node-1"), Some("corr")),
        "4cb1472ec0206400dc3fb697709045a6"
    );
}

#[test]
fn idempotency_key_escapes_the_separator() {
    let c = ctx("t");
    let a = make_idempotency_key(&c, "a|b", Some("c"), None);
    let b = make_idempotency_key(&c, "a", Some("b|c"), None);
    assert_ne!(a, b, "0.4.13 gave these the same key");
    let a = make_idempotency_key(&c, "a\\", Some("|b"), None);
    let b = make_idempotency_key(&c, "a\\|", Some("b"), None);
    assert_ne!(a, b, "the escape character is escaped too");
    assert_eq!(a.len(), 32);
    assert!(
        a.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
}

fn segment() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ab|\\\\:%]{0,4}").expect("regex")
}

proptest! {
    #[test]
    fn distinct_idempotency_inputs_give_distinct_keys(
        f1 in segment(), n1 in segment(), c1 in segment(),
        f2 in segment(), n2 in segment(), c2 in segment(),
    ) {
        let c = ctx("t");
        prop_assume!((&f1, &n1, &c1) != (&f2, &n2, &c2));
        prop_assert_ne!(
            make_idempotency_key(&c, &f1, Some(&n1), Some(&c1)),
            make_idempotency_key(&c, &f2, Some(&n2), Some(&c2))
        );
    }

    #[test]
    fn distinct_session_inputs_give_distinct_keys(
        a in proptest::collection::vec(segment(), 4),
        b in proptest::collection::vec(segment(), 4),
    ) {
        prop_assume!(a != b);
        let key = |s: &[String]| canonical_session_key(&s[0], &s[1], Some(&s[2]), Some(&s[3]));
        prop_assert_ne!(key(&a), key(&b));
    }

    #[test]
    fn state_paths_survive_their_pointer(segments in proptest::collection::vec("[a~/]{0,3}", 0..5)) {
        let path = segments.iter().fold(StatePath::root(), |p, s| p.push(s.clone()));
        prop_assert_eq!(StatePath::parse(&path.to_pointer()), Ok(path));
    }
}

#[test]
fn canonical_session_key_matches_0_4_13_without_separators() {
    assert_eq!(
        canonical_session_key("tenant", "webhook", None, None).as_str(),
        "tenant:webhook:conversation:user"
    );
    assert_eq!(
        canonical_session_key("t", "p", Some(""), Some("u")).as_str(),
        "t:p::u"
    );
    assert_eq!(
        canonical_session_key("a:b", "c", None, None).as_str(),
        "a%3Ab:c:conversation:user"
    );
    assert_ne!(
        canonical_session_key("a:b", "c", None, None),
        canonical_session_key("a", "b:c", None, None)
    );
    assert_eq!(
        canonical_session_key("50%", "p", None, None).as_str(),
        "50%25:p:conversation:user"
    );
}

#[test]
fn state_path_pointers_follow_rfc_6901() {
    use greentic_types::InvalidPointer;
    assert_eq!(StatePath::root().to_pointer(), "");
    assert_eq!(StatePath::parse(""), Ok(StatePath::root()));
    assert_eq!(StatePath::parse("/"), Ok(StatePath::root().push("")));
    assert_eq!(
        StatePath::parse("//a//b/").map(|p| p.segments),
        Ok(vec![
            "".into(),
            "a".into(),
            "".into(),
            "b".into(),
            "".into()
        ])
    );
    assert_eq!(
        StatePath::parse("/a~1b~0c").map(|p| p.segments),
        Ok(vec!["a/b~c".into()])
    );
    assert_eq!(
        StatePath::parse("a"),
        Err(InvalidPointer::MissingLeadingSlash)
    );
    assert_eq!(StatePath::parse("/x~2"), Err(InvalidPointer::BadEscape(2)));
    assert_eq!(
        "/x~2".parse::<StatePath>(),
        Err(InvalidPointer::BadEscape(2))
    );
    assert_eq!(StatePath::try_from("/q"), Ok(StatePath::root().push("q")));
    let json = serde_json::to_value(StatePath::root().push("a")).expect("serialize");
    assert_eq!(json, serde_json::json!({"segments": ["a"]}));
}

/// `from_pointer` is 0.4.13's infallible reading, for code written against it
/// (greentic-state calls it with a `&str` and uses the path directly).
#[test]
fn state_path_from_pointer_reads_leniently_like_0_4_13() {
    let segments = |p: &str| StatePath::from_pointer(p).segments;
    assert_eq!(StatePath::from_pointer(""), StatePath::root());
    assert_eq!(StatePath::from_pointer("/"), StatePath::root());
    assert_eq!(segments("//a//b/"), ["a", "", "b", ""]);
    assert_eq!(
        segments("a/b"),
        ["a", "b"],
        "a missing leading slash is tolerated"
    );
    assert_eq!(segments("/a~1b~0c"), ["a/b~c"]);
    assert_eq!(
        segments("/x~2"),
        ["x~2"],
        "malformed escapes are kept as text"
    );
    // Paths written by `to_pointer` without leading empty segments read back the same.
    let path = StatePath::root().push("orders").push("a/b").push("");
    assert_eq!(StatePath::from_pointer(&path.to_pointer()), path);
}
