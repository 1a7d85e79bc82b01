//! Policy decisions: allow or deny, with the reasons. Fails closed.
//!
//! ```
//! use greentic_types::{PolicyDecision, PolicyDecisionStatus};
//!
//! let d: PolicyDecision = serde_json::from_str(r#"{"status": "deny", "reasons": ["quota"]}"#)?;
//! assert_eq!(d.status, PolicyDecisionStatus::Deny);
//!
//! // 0.4.13's older shape: `allow` plus a single `reason`.
//! let d: PolicyDecision = serde_json::from_str(r#"{"allow": false, "reason": "x"}"#)?;
//! assert_eq!((d.status, d.reasons.as_slice()), (PolicyDecisionStatus::Deny, &["x".to_string()][..]));
//!
//! // Neither `status` nor `allow`: an error, never an implicit allow.
//! let err = serde_json::from_str::<PolicyDecision>(r#"{"reasons": []}"#).unwrap_err();
//! assert!(err.to_string().contains("needs `status` or `allow`"));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Changes from 0.4.13
//!
//! **Fail closed.** 0.4.13 read a decision with neither `status` nor `allow`
//! (`{}`, `{"reasons": []}`, `{"allow": null}`) as *allow*. Such a document is
//! now an error: a truncated or mistyped verdict never lets a request through.
//! Every document that names `status` or `allow` reads exactly as before
//! (`status` wins when both are given; `reasons` else `[reason]` else `[]`;
//! unknown keys are skipped; a repeated key is an error), and output is
//! unchanged: `status` and `reasons` always, `allow` and `reason` when set.

use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

/// Network policy types: declared in [`capabilities`](crate::capabilities),
/// and reachable here too, as in 0.4.13, where they lived in `policy`.
pub use crate::capabilities::{AllowList, NetworkPolicy, Protocol};

greentic_model! {
    /// The verdict of a policy decision.
    #[schema = "policy-decision-status"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum PolicyDecisionStatus {
        /// The request may proceed.
        Allow,
        /// The request is refused.
        Deny,
    }

    /// A policy verdict with its reasons. A document must give `status` or the
    /// legacy `allow`; one with neither is rejected (never read as allow).
    #[schema = "policy-decision"]
    #[manual(serde, schema)]
    #[derive(Eq)]
    pub struct PolicyDecision {
        /// Allow or deny.
        pub status: PolicyDecisionStatus,
        /// Why (always written, possibly empty).
        pub reasons: Vec<String>,
        /// Legacy verdict flag, kept as read (written only when set).
        pub allow: Option<bool>,
        /// Legacy single reason, kept as read (written only when set).
        pub reason: Option<String>,
    }
}

crate::if_serde! {
    impl serde::Serialize for PolicyDecision {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let len = 2 + usize::from(self.allow.is_some()) + usize::from(self.reason.is_some());
            let mut st = s.serialize_struct("PolicyDecision", len)?;
            st.serialize_field("status", &self.status)?;
            st.serialize_field("reasons", &self.reasons)?;
            match &self.allow {
                Some(allow) => st.serialize_field("allow", allow)?,
                None => st.skip_field("allow")?,
            }
            match &self.reason {
                Some(reason) => st.serialize_field("reason", reason)?,
                None => st.skip_field("reason")?,
            }
            st.end()
        }
    }

    impl<'de> serde::Deserialize<'de> for PolicyDecision {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            const FIELDS: &[&str] = &["status", "reasons", "allow", "reason"];
            d.deserialize_struct("PolicyDecision", FIELDS, DecisionVisitor)
        }
    }

    /// The keys of a decision; anything else is skipped.
    enum DecisionKey {
        Status,
        Reasons,
        Allow,
        Reason,
        Other,
    }

    impl<'de> serde::Deserialize<'de> for DecisionKey {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct KeyVisitor;
            impl serde::de::Visitor<'_> for KeyVisitor {
                type Value = DecisionKey;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DecisionKey, E> {
                    Ok(match v {
                        "status" => DecisionKey::Status,
                        "reasons" => DecisionKey::Reasons,
                        "allow" => DecisionKey::Allow,
                        "reason" => DecisionKey::Reason,
                        _ => DecisionKey::Other,
                    })
                }
                fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<DecisionKey, E> {
                    match core::str::from_utf8(v) {
                        Ok(s) => self.visit_str(s),
                        Err(_) => Ok(DecisionKey::Other),
                    }
                }
            }
            d.deserialize_identifier(KeyVisitor)
        }
    }

    struct DecisionVisitor;

    impl<'de> serde::de::Visitor<'de> for DecisionVisitor {
        type Value = PolicyDecision;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a policy decision object")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PolicyDecision, A::Error> {
            use serde::de::Error;
            // `status` and `reasons` must hold a value when present (0.4.13
            // rejected `null` there); for `allow`/`reason` the outer `Some`
            // means the key was seen (to reject repeats), the inner is its
            // value (`null` = None).
            let mut status: Option<PolicyDecisionStatus> = None;
            let mut reasons: Option<Vec<String>> = None;
            let mut allow: Option<Option<bool>> = None;
            let mut reason: Option<Option<String>> = None;
            while let Some(key) = map.next_key::<DecisionKey>()? {
                match key {
                    DecisionKey::Status => {
                        if status.is_some() {
                            return Err(A::Error::duplicate_field("status"));
                        }
                        status = Some(map.next_value()?);
                    }
                    DecisionKey::Reasons => {
                        if reasons.is_some() {
                            return Err(A::Error::duplicate_field("reasons"));
                        }
                        reasons = Some(map.next_value()?);
                    }
                    DecisionKey::Allow => {
                        if allow.is_some() {
                            return Err(A::Error::duplicate_field("allow"));
                        }
                        allow = Some(map.next_value()?);
                    }
                    DecisionKey::Reason => {
                        if reason.is_some() {
                            return Err(A::Error::duplicate_field("reason"));
                        }
                        reason = Some(map.next_value()?);
                    }
                    DecisionKey::Other => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            let allow = allow.flatten();
            let reason = reason.flatten();
            let status = match (status, allow) {
                (Some(status), _) => status,
                (None, Some(true)) => PolicyDecisionStatus::Allow,
                (None, Some(false)) => PolicyDecisionStatus::Deny,
                (None, None) => {
                    return Err(A::Error::custom(
                        "a policy decision needs `status` or `allow`; with neither it is rejected, never read as allow (fail closed)",
                    ));
                }
            };
            let reasons = match (reasons, &reason) {
                (Some(reasons), _) => reasons,
                (None, Some(reason)) => alloc::vec![reason.clone()],
                (None, None) => Vec::new(),
            };
            Ok(PolicyDecision { status, reasons, allow, reason })
        }
    }
}

crate::if_schemars! {
    impl schemars::JsonSchema for PolicyDecision {
        fn schema_name() -> alloc::borrow::Cow<'static, str> {
            "PolicyDecision".into()
        }

        fn schema_id() -> alloc::borrow::Cow<'static, str> {
            concat!(module_path!(), "::PolicyDecision").into()
        }

        fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
            let mut status = g.subschema_for::<PolicyDecisionStatus>();
            status.insert("description".into(), "Allow or deny; when absent, taken from `allow`.".into());
            let mut reasons = g.subschema_for::<Vec<String>>();
            reasons.insert("description".into(), "Why (always written, possibly empty); when absent, `[reason]` or `[]`.".into());
            let mut allow = g.subschema_for::<Option<bool>>();
            allow.insert("description".into(), "Legacy verdict flag, kept as read (written only when set).".into());
            let mut reason = g.subschema_for::<Option<String>>();
            reason.insert("description".into(), "Legacy single reason, kept as read (written only when set).".into());
            schemars::json_schema!({
                "description": "A policy verdict with its reasons. A document must give `status` or the legacy `allow`; one with neither is rejected (never read as allow).",
                "type": "object",
                "properties": {
                    "status": status,
                    "reasons": reasons,
                    "allow": allow,
                    "reason": reason
                },
                "anyOf": [
                    {"required": ["status"]},
                    {"required": ["allow"], "properties": {"allow": {"type": "boolean"}}}
                ]
            })
        }
    }
}
