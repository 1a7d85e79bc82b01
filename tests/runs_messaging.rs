//! Channel messages, events, event providers and workers (API.md §9):
//! documents as 0.4.13 writes them, event times, defaults and helpers.
#![cfg(feature = "serde")]

mod xorshift;

use greentic_types::{
    Attachment, ChannelMessageEnvelope, EventEnvelope, EventProviderDescriptor, EventProviderKind,
    OrderingKind, ReliabilityKind, Timestamp, TransportKind, WorkerMessage, WorkerRequest,
    WorkerResponse,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/runs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_owned()
}

/// Reads `text` as `T` and writes it back compactly.
fn rewrite<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> String {
    let value: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    serde_json::to_string(&value).expect("serializes")
}

fn event_with_time(time: &str) -> Result<EventEnvelope, serde_json::Error> {
    serde_json::from_value(json!({
        "id": "e", "topic": "t", "type": "x", "source": "s",
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "time": time, "payload": null
    }))
}

#[test]
fn channel_message_envelopes_read_and_write_as_0_4_13_does() {
    for name in [
        "channel-message-envelope.json",
        "channel-message-envelope.minimal.json",
    ] {
        let doc = fixture(name);
        assert_eq!(rewrite::<ChannelMessageEnvelope>(&doc), doc, "{name}");
    }
    let msg: ChannelMessageEnvelope =
        serde_json::from_str(&fixture("channel-message-envelope.json")).unwrap();
    assert_eq!(
        msg.tenant.team_id.as_ref().map(|t| t.as_str()),
        Some("support")
    );
    assert_eq!(msg.attachments[0].size_bytes, Some(20_480));
    assert_eq!(msg.metadata["locale"], "en-GB");
}

#[test]
fn channel_message_metadata_is_always_written_and_empty_lists_and_nones_are_not() {
    let msg: ChannelMessageEnvelope = serde_json::from_value(json!({
        "id": "m", "channel": "c", "session_id": "s",
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "attachments": []
    }))
    .unwrap();
    let out = serde_json::to_value(&msg).unwrap();
    assert_eq!(
        out["metadata"],
        json!({}),
        "missing metadata reads as empty, written as {{}}"
    );
    for key in ["attachments", "user_id", "text"] {
        assert!(out.get(key).is_none(), "{key} omitted: {out}");
    }
    let a: Attachment =
        serde_json::from_value(json!({"mime_type": "a/b", "url": "u", "name": null})).unwrap();
    assert_eq!(a.name, None, "null reads as None");
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"mime_type": "a/b", "url": "u"})
    );
}

#[test]
fn envelopes_check_the_tenant_context_they_carry() {
    let mut doc: Value = serde_json::from_str(&fixture("channel-message-envelope.json")).unwrap();
    doc["tenant"]["team_id"] = json!("other-team");
    let err = serde_json::from_value::<ChannelMessageEnvelope>(doc).unwrap_err();
    assert!(
        err.to_string().contains("/team: must equal `team_id`"),
        "{err}"
    );
    let mut doc: Value = serde_json::from_str(&fixture("event-envelope.json")).unwrap();
    doc["tenant"]["env"] = json!("pr od");
    let err = serde_json::from_value::<EventEnvelope>(doc).unwrap_err();
    assert!(
        err.to_string().starts_with("EnvId must contain only"),
        "{err}"
    );
}

#[test]
fn event_envelopes_read_and_write_as_0_4_13_does() {
    for name in ["event-envelope.json", "event-envelope.minimal.json"] {
        let doc = fixture(name);
        assert_eq!(rewrite::<EventEnvelope>(&doc), doc, "{name}");
    }
    let event: EventEnvelope = serde_json::from_str(&fixture("event-envelope.json")).unwrap();
    assert_eq!(event.r#type, "order.created");
    assert_eq!(event.id.as_str(), "evt-1");
    assert_eq!(event.payload["items"][0]["sku"], "A-1");
}

#[test]
fn event_type_is_written_under_the_key_type() {
    let event: EventEnvelope =
        serde_json::from_str(&fixture("event-envelope.minimal.json")).unwrap();
    let out = serde_json::to_value(&event).unwrap();
    assert_eq!(out["type"], "order.deleted");
    assert!(out.get("r#type").is_none() && out.get("r_type").is_none());
}

#[test]
fn event_payload_is_required_but_may_be_null() {
    let mut doc: Value = serde_json::from_str(&fixture("event-envelope.minimal.json")).unwrap();
    assert_eq!(doc["payload"], Value::Null);
    assert!(serde_json::from_value::<EventEnvelope>(doc.clone()).is_ok());
    doc.as_object_mut().unwrap().remove("payload");
    let err = serde_json::from_value::<EventEnvelope>(doc).unwrap_err();
    assert_eq!(err.to_string(), "missing field `payload`");
}

#[test]
fn event_times_are_normalised_to_utc_and_written_as_chrono_wrote_them() {
    for (input, written) in [
        ("2024-05-01T12:30:00Z", "2024-05-01T12:30:00Z"),
        ("2024-05-01T12:30:00.000Z", "2024-05-01T12:30:00Z"),
        ("2024-05-01T14:30:00.25+02:00", "2024-05-01T12:30:00.250Z"),
        ("2024-05-01T12:30:00.000001Z", "2024-05-01T12:30:00.000001Z"),
        ("2024-05-01T12:30:00.123456Z", "2024-05-01T12:30:00.123456Z"),
        (
            "2024-05-01T12:30:00.1234567Z",
            "2024-05-01T12:30:00.123456700Z",
        ),
        (
            "2024-05-01T12:30:00.123456789Z",
            "2024-05-01T12:30:00.123456789Z",
        ),
        ("2024-05-01T00:30:00-05:30", "2024-05-01T06:00:00Z"),
        ("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"),
        ("2024-05-01 12:30:00Z", "2024-05-01T12:30:00Z"),
        ("2024-05-01t12:30:00z", "2024-05-01T12:30:00Z"),
        ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
        (
            "9999-12-31T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999999999Z",
        ),
        // The relaxed forms chrono read.
        ("2024-05-01T14:30:00+0000", "2024-05-01T14:30:00Z"),
        ("2024-05-01T14:30:00+0530", "2024-05-01T09:00:00Z"),
        ("2024-05-01T14:30:00-0000", "2024-05-01T14:30:00Z"),
        ("2024-05-01T14:30:00 +02:00", "2024-05-01T12:30:00Z"),
        ("2024-05-01T14:30:00 UTC", "2024-05-01T14:30:00Z"),
        ("2024-05-01T14:30:00utc", "2024-05-01T14:30:00Z"),
        ("2024-05-01  14:30:00.5   Z  ", "2024-05-01T14:30:00.500Z"),
        ("2024-5-1T4:3:0Z", "2024-05-01T04:03:00Z"),
        ("2024-05-01T14:30:00+05 : 30", "2024-05-01T09:00:00Z"),
        ("2024-05-01T14:30:00\u{2212}01:00", "2024-05-01T15:30:00Z"),
        ("+2024-05-01T14:30:00Z", "2024-05-01T14:30:00Z"),
        (
            "2024-05-01T14:30:00.1234567891234Z",
            "2024-05-01T14:30:00.123456789Z",
        ),
    ] {
        let event = event_with_time(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        let out = serde_json::to_value(&event).unwrap();
        assert_eq!(out["time"], written, "{input:?}");
        let utc: time::OffsetDateTime = event.time.into();
        assert!(utc.offset().is_utc(), "{input} is held in UTC");
    }
}

#[test]
fn event_times_that_are_not_rfc3339_or_leave_its_range_are_errors() {
    for (input, problem) in [
        (json!("2024-05-01T12:30:00"), "not an RFC 3339 timestamp"),
        (json!("yesterday"), "not an RFC 3339 timestamp"),
        (json!("2024-02-30T00:00:00Z"), "not an RFC 3339 timestamp"),
        (json!(1_714_566_600), "invalid type: integer"),
        (
            json!([2024, 122, 12, 30, 0, 0, 0, 0, 0]),
            "invalid type: sequence",
        ),
        (json!("9999-12-31T23:30:00-01:00"), "out of range"),
        (json!("0000-01-01T00:30:00+01:00"), "out of range"),
        // Near misses of the relaxed forms.
        (
            json!("2024-05-01T14:30:00+02"),
            "two digits of offset minutes",
        ),
        (
            json!("2024-05-01T14:30:00+0560"),
            "two digits of offset minutes",
        ),
        (json!("2024-05-01T14:30:00+2400"), "offset hours below 24"),
        (
            json!("2024-05-01X14:30:00Z"),
            "'T', 't' or a space after the date",
        ),
        (json!("2024-00-01T14:30:00Z"), "a month (1 to 12)"),
        (json!("2024-05-0T14:30:00Z"), "a day (1 to 31)"),
        (
            json!("2024-05-01T14:30:00Z junk"),
            "the end after the offset",
        ),
        (json!("2024-05-01T14:30:00.Z"), "digits after '.'"),
        (
            json!("+ 2024-05-01T14:30:00Z"),
            "year digits after the sign",
        ),
        (
            json!("+12024-05-01T14:30:00Z"),
            "out of range: year 12024 has more than four digits",
        ),
        // Documented: the written year is limited before the offset applies
        // (chrono read this as 9999-12-31T19:00:00Z).
        (
            json!("+10000-01-01T00:00:00+05:00"),
            "out of range: year 10000 has more than four digits",
        ),
    ] {
        let err = event_with_time_value(input.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains(problem), "{input}: {err}");
    }
}

fn event_with_time_value(time: Value) -> Result<EventEnvelope, serde_json::Error> {
    serde_json::from_value(json!({
        "id": "e", "topic": "t", "type": "x", "source": "s",
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "time": time, "payload": null
    }))
}

#[test]
fn event_times_built_in_rust_with_any_offset_are_written_in_utc() {
    let mut event = event_with_time("2024-05-01T12:30:00Z").unwrap();
    event.time = Timestamp::parse_rfc3339("2024-05-01T15:30:00.5+03:00").unwrap();
    assert_eq!(
        serde_json::to_value(&event).unwrap()["time"],
        "2024-05-01T12:30:00.500Z"
    );
    // An instant RFC 3339 cannot write in UTC fails to serialize (no panic, no bad text).
    event.time = Timestamp::from_unix_nanos(-62_167_219_200_000_000_001).unwrap();
    let err = serde_json::to_string(&event).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[test]
fn event_provider_descriptors_read_and_write_as_0_4_13_does() {
    let doc = fixture("event-provider-descriptor.json");
    assert_eq!(rewrite::<EventProviderDescriptor>(&doc), doc);
    let d: EventProviderDescriptor = serde_json::from_str(&doc).unwrap();
    assert_eq!(d.transport, TransportKind::Nats);
    assert_eq!(d.reliability, ReliabilityKind::AtLeastOnce);
    assert_eq!(d.ordering, OrderingKind::PerKey);
}

#[test]
fn event_provider_descriptor_default_is_0_4_13s_and_fields_stay_required() {
    let d = EventProviderDescriptor::default();
    assert_eq!(d.name, "provider");
    assert_eq!(d.kind, EventProviderKind::Broker);
    assert_eq!(d.transport, TransportKind::Other("unspecified".into()));
    assert_eq!(d.reliability, ReliabilityKind::AtMostOnce);
    assert_eq!(d.ordering, OrderingKind::None);
    assert!(d.notes.is_none() && d.tags.is_empty());
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        fixture("event-provider-descriptor.default.json")
    );
    let err = serde_json::from_value::<EventProviderDescriptor>(json!({"name": "x"})).unwrap_err();
    assert_eq!(err.to_string(), "missing field `kind`");
}

#[test]
fn provider_enums_are_snake_case_with_an_other_transport() {
    let cases: [(Value, Value); 4] = [
        (
            serde_json::to_value(EventProviderKind::Bridge).unwrap(),
            json!("bridge"),
        ),
        (
            serde_json::to_value(ReliabilityKind::EffectivelyOnce).unwrap(),
            json!("effectively_once"),
        ),
        (
            serde_json::to_value(OrderingKind::Global).unwrap(),
            json!("global"),
        ),
        (
            serde_json::to_value(TransportKind::Other("mqtt".into())).unwrap(),
            json!({"other": "mqtt"}),
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    for (wire, kind) in [
        ("nats", TransportKind::Nats),
        ("kafka", TransportKind::Kafka),
        ("sqs", TransportKind::Sqs),
        ("webhook", TransportKind::Webhook),
        ("email", TransportKind::Email),
    ] {
        assert_eq!(
            serde_json::from_value::<TransportKind>(json!(wire)).unwrap(),
            kind
        );
    }
    assert!(serde_json::from_value::<TransportKind>(json!("mqtt")).is_err());
    assert!(serde_json::from_value::<OrderingKind>(json!("None")).is_err());
}

#[test]
fn worker_documents_keep_payload_json_as_text_byte_for_byte() {
    for (name, doc) in [
        ("worker-request.json", fixture("worker-request.json")),
        ("worker-response.json", fixture("worker-response.json")),
    ] {
        let rewritten = if name.contains("request") {
            rewrite::<WorkerRequest>(&doc)
        } else {
            rewrite::<WorkerResponse>(&doc)
        };
        assert_eq!(rewritten, doc, "{name}");
    }
    let req: WorkerRequest = serde_json::from_str(&fixture("worker-request.json")).unwrap();
    assert_eq!(
        req.payload_json, r#"{"text": "summarize this", "max_words":30}"#,
        "whitespace inside the text is kept"
    );
}

#[test]
fn payload_parses_payload_json_and_only_it_reports_text_that_is_not_json() {
    let req: WorkerRequest = serde_json::from_str(&fixture("worker-request.json")).unwrap();
    assert_eq!(
        req.payload().unwrap(),
        json!({"text": "summarize this", "max_words": 30})
    );
    // Reading never fails on the payload: the second message is not JSON.
    let resp: WorkerResponse = serde_json::from_str(&fixture("worker-response.json")).unwrap();
    assert_eq!(
        resp.messages[0].payload().unwrap()["text"],
        "Order 4711 was charged twice."
    );
    let err = resp.messages[1].payload().unwrap_err();
    assert_eq!(err.len(), 1);
    let violation = &err.as_slice()[0];
    assert_eq!(violation.path, "/payload_json");
    assert!(
        violation.message.starts_with("must be JSON text ("),
        "{violation}"
    );
    let empty = WorkerMessage {
        kind: "k".into(),
        payload_json: String::new(),
    };
    assert!(empty.payload().is_err(), "empty text is not JSON");
}

#[test]
fn worker_messages_are_omitted_when_empty_and_optionals_when_none() {
    let resp: WorkerResponse = serde_json::from_value(json!({
        "version": "1.0", "worker_id": "w", "timestamp_utc": "t",
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0}
    }))
    .unwrap();
    let out = serde_json::to_value(&resp).unwrap();
    for key in ["messages", "correlation_id", "session_id", "thread_id"] {
        assert!(out.get(key).is_none(), "{key}: {out}");
    }
    let err = serde_json::from_value::<WorkerRequest>(json!({
        "version": "1.0", "worker_id": "w", "timestamp_utc": "t", "payload_json": {"a": 1},
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0}
    }))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: map, expected a string"),
        "{err}"
    );
}

#[test]
fn validate_reaches_the_tenant_context_inside_each_envelope() {
    use greentic_types::{ResolveComponentRequest, TeamId, Validate};
    let other = TeamId::new("other").unwrap();
    let mut msg: ChannelMessageEnvelope =
        serde_json::from_str(&fixture("channel-message-envelope.json")).unwrap();
    assert!(msg.validate().is_ok());
    msg.tenant.team = Some(other.clone());
    let err = msg.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "/tenant/team: must equal `team_id` (legacy twin)"
    );

    let mut event: EventEnvelope = serde_json::from_str(&fixture("event-envelope.json")).unwrap();
    event.tenant.team = Some(other.clone());
    assert_eq!(
        event.validate().unwrap_err().to_string(),
        "/tenant/team: must equal `team_id` (legacy twin)"
    );
    let mut request: WorkerRequest = serde_json::from_str(&fixture("worker-request.json")).unwrap();
    request.tenant.team = Some(other.clone());
    assert_eq!(
        request.validate().unwrap_err().to_string(),
        "/tenant/team: must equal `team_id` (legacy twin)"
    );
    let mut resolve: ResolveComponentRequest =
        serde_json::from_str(&fixture("resolve-component-request.json")).unwrap();
    resolve.tenant.team = Some(other);
    assert_eq!(
        resolve.validate().unwrap_err().to_string(),
        "/tenant/team: must equal `team_id` (legacy twin)"
    );
}

/// `EventEnvelope.time` reads what chrono's `DateTime<Utc>` read for 0.4.13
/// (its relaxed RFC 3339) and writes what it wrote, on hundreds of thousands
/// of strings built from the grammar's pieces and their near misses. The two
/// documented differences: leap seconds are read only where `time` reads them,
/// and instants whose UTC year leaves 0000..=9999 are refused.
#[test]
fn event_times_are_read_exactly_as_chrono_read_them() {
    use chrono::{DateTime, FixedOffset, SecondsFormat, Timelike, Utc};

    // Each slot: forms chrono reads, then near misses (picked one time in eight).
    type Slot = (&'static [&'static str], &'static [&'static str]);
    const SPACE: Slot = (
        &["", "", "", " ", "  ", "\t"],
        &["\u{a0}", "\n", "\u{3000}", "x"],
    );
    const YEAR: Slot = (
        &[
            "2024", "1999", "0000", "9999", "24", "7", "+2024", "-0001", "+0000", "-0000",
        ],
        &["12345", "02024", "+12024", "2o24", "", "+ 2024", "--2024"],
    );
    const MONTH: Slot = (
        &["01", "1", "12", "09", "9", "02"],
        &["13", "00", "0", "001", "1a", ""],
    );
    const DAY: Slot = (
        &["01", "1", "28", "29", "30", "31", "15"],
        &["32", "00", "0", "001", "", "3 1"],
    );
    const SEPARATOR: Slot = (&["T", "t", " ", "  ", "T "], &["x", "", "\t", "TT", "_"]);
    const HOUR: Slot = (
        &["00", "0", "9", "12", "23"],
        &["24", "99", "", "001", "1x"],
    );
    const MINUTE: Slot = (&["00", "0", "5", "30", "59"], &["60", "", "000", "5x"]);
    const SECOND: Slot = (&["00", "0", "7", "30", "59", "60"], &["61", "", "000"]);
    const FRACTION: Slot = (
        &[
            "",
            "",
            ".5",
            ".000",
            ".123456",
            ".1234567",
            ".123456789",
            ".1234567891",
        ],
        &[".", ".x", ",5", ". 5"],
    );
    const OFFSET: Slot = (
        &[
            "Z",
            "z",
            "UTC",
            "utc",
            "UtC",
            "+00:00",
            "-00:00",
            "+0000",
            "-0000",
            "+05:30",
            "+0530",
            "-05:30",
            "+05 30",
            "+05: :30",
            "+23:59",
            "\u{2212}01:00",
            "-12:45",
        ],
        &[
            "+24:00",
            "+2400",
            "+05",
            "+5:30",
            "+05:3",
            "+05:60",
            "+05:6",
            "GMT",
            "",
            "+",
            "Zz",
            "UT",
            "+05:30:00",
        ],
    );
    const TAIL: Slot = (&["", "", " ", "\n"], &["x", " Z", "0", ":"]);
    const DASH: Slot = (&["-"], &["", "--", "/"]);
    const COLON: Slot = (&[":"], &["", "::", "."]);
    const DOC: &[Slot] = &[
        SPACE, YEAR, SPACE, DASH, SPACE, MONTH, SPACE, DASH, SPACE, DAY, SEPARATOR, SPACE, HOUR,
        SPACE, COLON, SPACE, MINUTE, SPACE, COLON, SPACE, SECOND, FRACTION, SPACE, OFFSET, TAIL,
    ];

    let mut next = xorshift::below();
    let mut checked = 0;
    let mut accepted = 0;
    for _ in 0..300_000 {
        let mut text = String::new();
        for &(good, bad) in DOC {
            let choices = if next(32) == 0 && !bad.is_empty() {
                bad
            } else {
                good
            };
            text.push_str(choices[next(choices.len())]);
        }
        let chrono: Result<DateTime<Utc>, _> = text
            .parse::<DateTime<FixedOffset>>()
            .map(|t| t.with_timezone(&Utc));
        let ours = event_with_time(&text).map(|e| {
            serde_json::to_value(&e).unwrap()["time"]
                .as_str()
                .unwrap()
                .to_owned()
        });
        checked += 1;
        match (chrono, ours) {
            (Ok(c), ours) if c.nanosecond() >= 1_000_000_000 => {
                // chrono's leap second; `time` reads 23:59:60 UTC at a month's end only.
                if let Ok(o) = ours {
                    assert!(o.contains("T23:59:59.999999999Z"), "{text:?}: {o}");
                }
            }
            (Ok(c), ours) if !(0..=9999).contains(&chrono::Datelike::year(&c)) => {
                let err = ours.expect_err(&text).to_string();
                assert!(err.contains("out of range"), "{text:?}: {err}");
            }
            (Ok(c), Ok(o)) => {
                accepted += 1;
                assert_eq!(
                    o,
                    c.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    "{text:?}"
                );
            }
            (Ok(c), Err(e)) => panic!("{text:?}: chrono read {c}, we refuse: {e}"),
            (Err(_), Ok(o)) => panic!("{text:?}: chrono refused, we read {o}"),
            (Err(_), Err(_)) => {}
        }
    }
    assert!(accepted > checked / 50, "{accepted} of {checked} read");
}
