//! Events: what an event provider (broker, source, bridge) emits.
//!
//! ```
//! use greentic_types::EventEnvelope;
//!
//! let event: EventEnvelope = serde_json::from_str(r#"{
//!     "id": "evt-1", "topic": "orders", "type": "order.created", "source": "shop",
//!     "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
//!     "time": "2024-05-01T14:30:00.250+02:00",
//!     "payload": {"order": 42}
//! }"#)?;
//! assert_eq!(event.r#type, "order.created");
//! // Any offset is read; the time is kept and written in UTC.
//! let out = serde_json::to_value(&event)?;
//! assert_eq!(out["time"], "2024-05-01T12:30:00.250Z");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! `time` is a [`Timestamp`] normalised to UTC on input and
//! written as 0.4.13 (chrono's `DateTime<Utc>`) wrote it: RFC 3339 with `Z`,
//! seconds, and a fraction only when non-zero, as 3, 6 or 9 digits. It is read
//! as chrono read it, in RFC 3339 and its relaxed forms (an offset without its
//! colon or as `UTC`, whitespace before the offset, a space or `t` as the
//! separator: see [`Timestamp::parse_rfc3339_relaxed`]). Instants whose UTC
//! year falls outside `0000..=9999` are rejected on input (RFC 3339 cannot write
//! them back), and a value built in Rust with such an instant fails to
//! serialize instead of writing a string no reader accepts.

use alloc::collections::BTreeMap;
use alloc::string::String;

use crate::{TenantCtx, Timestamp, greentic_model};

pub use crate::ids::EventId;

/// Free-form string metadata of an event (sorted keys).
pub type EventMetadata = BTreeMap<String, String>;

greentic_model! {
    /// One event, with the tenant context it belongs to and a free-form JSON payload.
    #[schema = "event-envelope"]
    #[schemars(extend("x-schema-gaps" = [{
        "code": "accepts",
        "rule": "`time` is also read in the relaxed RFC 3339 forms chrono read for 0.4.13 (an offset without its colon or as `UTC`, Unicode whitespace before fields, separators and the offset, one-digit fields), and written back in RFC 3339; the schema describes only what is written, and the form below leaves calendar rules to the code",
        "form": {"type": "string", "pattern": crate::timestamp::RELAXED_PATTERN},
        "at": "/time",
        "example": r#"{"id": "e", "topic": "t", "type": "x", "source": "s", "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0}, "time": "2024-05-01 14:30:00 +0200", "payload": null}"#
    }, {
        "code": "rejects",
        "rule": "`time`'s instant must fall within UTC years 0000..=9999, where RFC 3339 can write it in UTC: a rule on the instant after its offset is applied, which a pattern cannot state",
        "message": "out of range",
        "example": r#"{"id": "e", "topic": "t", "type": "x", "source": "s", "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0}, "time": "9999-12-31T23:30:00-01:00", "payload": null}"#
    }]))]
    #[derive(Eq)]
    pub struct EventEnvelope {
        /// Event identifier.
        pub id: EventId,
        /// Topic the event was published on.
        pub topic: String,
        /// Event type (`order.created`).
        pub r#type: String,
        /// Who emitted the event.
        pub source: String,
        /// The tenant context.
        pub tenant: TenantCtx,
        /// What the event is about.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subject: Option<String>,
        /// When it happened: written in UTC (`Z`), read with any offset.
        #[serde(with = "utc_time")]
        #[schemars(schema_with = "time_schema")]
        pub time: Timestamp,
        /// Correlation id across services.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub correlation_id: Option<String>,
        /// The event's data (any JSON value, required).
        pub payload: serde_json::Value,
        /// Free-form string metadata (always written).
        #[serde(default)]
        pub metadata: EventMetadata,
    }
}

crate::if_schemars! {
    /// The schema of `EventEnvelope::time`: `Timestamp`'s, without the legacy
    /// array form that `Timestamp` reads and `time` does not (the relaxed
    /// strings and the UTC range are the event's own gaps, declared above).
    fn time_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = <Timestamp as schemars::JsonSchema>::json_schema(g);
        if let Some(serde_json::Value::Array(gaps)) = schema.get_mut("x-schema-gaps") {
            gaps.retain(|gap| gap["code"] != "accepts");
        }
        schema
    }
}

crate::if_serde! {
    /// Serde adapter of `EventEnvelope::time`: UTC with `Z` out, any offset in.
    mod utc_time {
        use alloc::string::String;

        use crate::Timestamp;

        /// First instant of year 0000 and of year 10000 (UTC), in Unix nanoseconds:
        /// RFC 3339 can write exactly the instants in between.
        const FIRST_NANOS: i128 = -62_167_219_200 * 1_000_000_000;
        const END_NANOS: i128 = 253_402_300_800 * 1_000_000_000;

        /// The instant as an RFC 3339 string in UTC (`Z`), fraction only when non-zero
        /// as 3, 6 or 9 digits; `None` when its UTC year is outside `0000..=9999`.
        fn utc_rfc3339(t: &Timestamp) -> Option<String> {
            use core::fmt::Write as _;
            let nanos = t.unix_nanos();
            if !(FIRST_NANOS..END_NANOS).contains(&nanos) {
                return None;
            }
            let utc = time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
            let mut out = String::with_capacity(30);
            let _ = write!(
                out,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                utc.year(),
                u8::from(utc.month()),
                utc.day(),
                utc.hour(),
                utc.minute(),
                utc.second()
            );
            let _ = match utc.nanosecond() {
                0 => Ok(()),
                n if n % 1_000_000 == 0 => write!(out, ".{:03}", n / 1_000_000),
                n if n % 1_000 == 0 => write!(out, ".{:06}", n / 1_000),
                n => write!(out, ".{n:09}"),
            };
            out.push('Z');
            Some(out)
        }

        /// Parses an RFC 3339 string with any offset into the same instant in
        /// UTC, or says why it cannot.
        fn parse_utc(text: &str) -> Result<Timestamp, String> {
            // Strict RFC 3339 first (what is written, the common case), then
            // the relaxed forms chrono read for 0.4.13.
            let nanos = Timestamp::parse_rfc3339(text)
                .or_else(|_| Timestamp::parse_rfc3339_relaxed(text))
                .map_err(|e| alloc::string::ToString::to_string(&e))?
                .unix_nanos();
            if !(FIRST_NANOS..END_NANOS).contains(&nanos) {
                return Err(String::from(
                    "is out of range: the UTC year must be within 0000..=9999",
                ));
            }
            Timestamp::from_unix_nanos(nanos).map_err(|e| alloc::string::ToString::to_string(&e))
        }

        pub(super) fn serialize<S: serde::Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
            match utc_rfc3339(t) {
                Some(text) => s.serialize_str(&text),
                None => Err(serde::ser::Error::custom(
                    "event time is out of range: the UTC year must be within 0000..=9999",
                )),
            }
        }

        pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
            struct Visitor;
            impl serde::de::Visitor<'_> for Visitor {
                type Value = Timestamp;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("an RFC 3339 timestamp string")
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                    parse_utc(v).map_err(E::custom)
                }
            }
            d.deserialize_str(Visitor)
        }
    }
}
