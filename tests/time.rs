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

/// RFC 3339 offsets have no seconds: such an offset (0.4.13's array could
/// carry one) is written as the same instant in UTC, never moved.
#[test]
fn offsets_with_seconds_keep_the_instant() {
    let legacy: Timestamp =
        serde_json::from_value(json!([2023, 318, 22, 13, 20, 0, 5, 30, 30])).unwrap();
    let text = legacy.to_rfc3339();
    assert_eq!(text, "2023-11-14T16:42:50Z");
    let back = Timestamp::parse_rfc3339(&text).unwrap();
    assert_eq!(back.unix_nanos(), legacy.unix_nanos());
    assert_eq!(back, legacy, "equality is by instant");
}

#[test]
fn years_outside_rfc_3339_round_trip_in_the_expanded_form() {
    let minus_five = Timestamp::from_legacy_parts([-5, 1, 0, 0, 0, 0, 0, 0, 0]).unwrap();
    assert_eq!(minus_five.to_rfc3339(), "-0005-01-01T00:00:00Z");
    assert_eq!(
        Timestamp::parse_rfc3339("-0005-01-01T00:00:00Z").unwrap(),
        minus_five
    );
    let leap = Timestamp::parse_rfc3339("-0004-02-29T12:00:00.5+01:00").unwrap();
    assert_eq!(leap.to_rfc3339(), "-0004-02-29T12:00:00.5+01:00");
    assert!(
        Timestamp::parse_rfc3339("-0005-02-29T00:00:00Z").is_err(),
        "-5 is not a leap year"
    );
    assert!(Timestamp::parse_rfc3339("-05-01-01T00:00:00Z").is_err());
    assert_eq!(
        Timestamp::parse_rfc3339("0000-01-01T00:00:00Z")
            .unwrap()
            .to_rfc3339(),
        "0000-01-01T00:00:00Z"
    );
    let far = Timestamp::parse_rfc3339("9999-12-31T23:59:59.999999999Z").unwrap();
    assert_eq!(Timestamp::parse_rfc3339(&far.to_rfc3339()).unwrap(), far);
}

#[test]
fn timestamps_round_trip_through_non_self_describing_formats() {
    for text in [
        "2023-11-14T22:13:20.5+05:30",
        "-0005-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
    ] {
        let t = Timestamp::parse_rfc3339(text).unwrap();
        let bytes = postcard::to_allocvec(&t).unwrap();
        let back: Timestamp = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_rfc3339(), text);
    }
    // Inside a struct too (one without `skip_serializing_if`, which no
    // non-self-describing format can read back).
    let pair = (
        Timestamp::parse_rfc3339("2024-05-01T10:00:00Z").unwrap(),
        7u8,
    );
    let bytes = postcard::to_allocvec(&pair).unwrap();
    assert_eq!(
        postcard::from_bytes::<(Timestamp, u8)>(&bytes).unwrap(),
        pair
    );
}

#[cfg(feature = "schema")]
#[test]
fn the_timestamp_schema_says_what_the_parser_reads() {
    let schema = greentic_types::registry::entry("timestamp")
        .unwrap()
        .schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for good in [
        "2023-11-14T22:13:20Z",
        "2023-11-14t22:13:20.123456789z",
        "2023-11-14 22:13:20+05:30",
        "-0005-01-01T00:00:00Z",
    ] {
        assert!(validator.is_valid(&json!(good)), "{good}");
        assert!(Timestamp::parse_rfc3339(good).is_ok(), "{good}");
    }
    for bad in [
        "yesterday",
        "2023-11-14",
        "2023-13-01T00:00:00Z",
        "2023-11-14T22:13:20",
        "2023-11-14T22:13:20+24:00",
    ] {
        assert!(!validator.is_valid(&json!(bad)), "{bad}");
        assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad}");
    }
}

/// A legacy array whose offset has seconds and whose UTC form leaves the
/// representable years is rejected on input, and writing never panics.
#[test]
fn offset_seconds_at_the_edge_of_time_are_rejected_not_a_panic() {
    for doc in [
        json!([9999, 365, 23, 59, 59, 0, 0, 0, -1]),
        json!([-9999, 1, 0, 0, 0, 0, 0, 0, 1]),
    ] {
        let err = serde_json::from_value::<Timestamp>(doc.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains("out of range"), "{doc}: {err}");
    }
    let edge = time::OffsetDateTime::new_in_offset(
        time::Date::from_calendar_date(9999, time::Month::December, 31).unwrap(),
        time::Time::from_hms(23, 59, 59).unwrap(),
        time::UtcOffset::from_hms(0, 0, -1).unwrap(),
    );
    let written = Timestamp::from(edge).to_rfc3339();
    assert_eq!(written, "9999-12-31T23:59:59Z");
}

/// 0.4.13's array can carry offsets of 24 hours or more, which RFC 3339
/// cannot write: the same instant is written in UTC and reads back.
#[test]
fn offsets_of_a_day_or_more_are_written_in_utc_and_read_back() {
    for parts in [
        json!([2023, 318, 22, 13, 20, 0, 25, 0, 0]),
        json!([2023, 318, 22, 13, 20, 0, -24, 0, 0]),
    ] {
        let t: Timestamp = serde_json::from_value(parts.clone()).unwrap();
        let text = t.to_rfc3339();
        assert!(text.ends_with('Z'), "{parts} -> {text}");
        assert_eq!(Timestamp::parse_rfc3339(&text).unwrap(), t, "{parts}");
    }
}

/// What `Timestamp` reads from a string is what the schema's pattern allows,
/// up to the calendar rules the pattern cannot state (`x-schema-gaps`):
/// every string the code reads matches the pattern, and every match the
/// code refuses is a calendar error. Strings are valid timestamps with one
/// byte replaced, inserted or removed.
#[test]
fn timestamps_read_exactly_the_strings_the_schema_pattern_allows() {
    let pattern = pattern_validator(greentic_types::timestamp::PATTERN);
    let bases = [
        "2023-11-14T22:13:20Z",
        "2023-11-14t22:13:20.5+05:30",
        "-0005-01-01 00:00:00.123456789-23:59",
        "+2016-12-31T23:59:60Z",
    ];
    let bytes = b"0123456789-+:.TtZz x\xc3";
    let mut checked = 0;
    for base in bases {
        for at in 0..=base.len() {
            let mut variants = vec![format!(
                "{}{}",
                &base[..at],
                base.get(at + 1..).unwrap_or("")
            )];
            for &b in bytes {
                let c = if b == 0xc3 {
                    "é".to_owned()
                } else {
                    (b as char).to_string()
                };
                variants.push(format!("{}{c}{}", &base[..at], &base[at..]));
                if at < base.len() {
                    variants.push(format!("{}{c}{}", &base[..at], &base[at + 1..]));
                }
            }
            for text in variants {
                checked += 1;
                let matches = pattern.is_valid(&json!(text));
                match Timestamp::parse_rfc3339(&text) {
                    Ok(t) => assert!(
                        matches,
                        "{text:?} is read (as {t}) but the pattern refuses it"
                    ),
                    Err(e) if matches => {
                        let e = e.to_string();
                        assert!(
                            e.contains("range") || e.contains("leap") || e.contains("second"),
                            "{text:?} matches the pattern but is refused: {e}"
                        );
                    }
                    Err(_) => {}
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    let err = Timestamp::parse_rfc3339("2024-05-01X14:30:00Z").unwrap_err();
    assert!(
        err.to_string().contains("separated by 'T', 't' or a space"),
        "{err}"
    );
}

fn pattern_validator(pattern: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&json!({"type": "string", "pattern": pattern})).unwrap()
}
