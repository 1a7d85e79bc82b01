//! Timestamps and span contexts: RFC 3339 out, RFC 3339 or 0.4.13's array in.

use greentic_types::{SessionKey, SpanContext, TenantId, Timestamp};
use serde_json::json;

#[test]
fn timestamps_write_rfc3339_keeping_the_offset() {
    for text in [
        "2023-11-14T22:13:20Z",
        "2023-11-14T22:13:20.5+05:30",
        "1969-12-31T23:59:59.999999999-08:00",
        "2024-02-29T00:00:00.123Z",
    ] {
        let t: Timestamp = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(serde_json::to_value(t).unwrap(), json!(text), "{text}");
    }
    let utc = Timestamp::parse_rfc3339("2023-11-14T22:13:20+00:00").unwrap();
    assert_eq!(utc.to_rfc3339(), "2023-11-14T22:13:20Z");
    assert_eq!(
        Timestamp::parse_rfc3339("2023-11-14T22:13:20+01:00")
            .unwrap()
            .unix_nanos(),
        Timestamp::parse_rfc3339("2023-11-14T21:13:20Z")
            .unwrap()
            .unix_nanos(),
    );
}

#[test]
fn timestamps_read_the_legacy_array_form() {
    let t: Timestamp = serde_json::from_value(json!([2023, 318, 22, 13, 20, 0, 0, 0, 0])).unwrap();
    assert_eq!(t.to_rfc3339(), "2023-11-14T22:13:20Z");
    let t: Timestamp = serde_json::from_value(json!([2020, 1, 0, 0, 0, 5, -3, -30, 0])).unwrap();
    assert_eq!(t.to_rfc3339(), "2020-01-01T00:00:00.000000005-03:30");
}

#[test]
fn malformed_timestamps_are_errors_naming_the_problem() {
    let cases = [
        (json!("yesterday"), "not an RFC 3339 timestamp"),
        (json!("2023-13-01T00:00:00Z"), "not an RFC 3339 timestamp"),
        (json!([2023, 400, 0, 0, 0, 0, 0, 0, 0]), "ordinal"),
        (json!([2023, 1, 25, 0, 0, 0, 0, 0, 0]), "hour"),
        (
            json!([2023, 1, 0, 0, 0, 0, 300, 0, 0]),
            "offset hours 300 is out of range",
        ),
        (json!([2023, 1, 0]), "invalid length 3"),
        (
            json!([2023, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
            "invalid length 10",
        ),
        (
            json!(1_699_999_999),
            "expected an RFC 3339 timestamp string",
        ),
    ];
    for (doc, needle) in cases {
        let err = serde_json::from_value::<Timestamp>(doc.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{doc}: {err}");
    }
}

#[test]
fn span_contexts_build_and_travel() {
    let span = SpanContext::new(TenantId::new("acme").unwrap(), "checkout", "webhook")
        .with_session(SessionKey::from("s-1"))
        .with_node("charge")
        .started(Timestamp::parse_rfc3339("2024-05-01T10:00:00Z").unwrap())
        .finished(Timestamp::parse_rfc3339("2024-05-01T10:00:01.25+02:00").unwrap());
    let wire = serde_json::to_value(&span).unwrap();
    assert_eq!(
        wire,
        json!({
            "tenant": "acme", "session_id": "s-1", "flow_id": "checkout", "node_id": "charge",
            "provider": "webhook", "start": "2024-05-01T10:00:00Z", "end": "2024-05-01T10:00:01.25+02:00"
        })
    );
    assert_eq!(serde_json::from_value::<SpanContext>(wire).unwrap(), span);
    let bare = SpanContext::new(TenantId::new("acme").unwrap(), "f", "p");
    assert_eq!(
        serde_json::to_value(&bare).unwrap(),
        json!({"tenant": "acme", "flow_id": "f", "provider": "p"})
    );
}
