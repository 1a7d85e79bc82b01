//! Event providers: what a broker, source, sink or bridge says about itself.
//!
//! ```
//! use greentic_types::{EventProviderDescriptor, EventProviderKind, TransportKind};
//!
//! let mut nats = EventProviderDescriptor::default();
//! nats.name = "nats-core".into();
//! nats.transport = TransportKind::Nats;
//! assert_eq!(nats.kind, EventProviderKind::Broker);
//!
//! let json = serde_json::to_value(&EventProviderDescriptor::default())?;
//! assert_eq!(json["transport"], serde_json::json!({"other": "unspecified"}));
//! # Ok::<(), serde_json::Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// The role an event provider plays.
    #[schema = "event-provider-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum EventProviderKind {
        /// Carries events between producers and consumers.
        Broker,
        /// Produces events.
        Source,
        /// Consumes events.
        Sink,
        /// Connects two event systems.
        Bridge,
    }

    /// The transport an event provider speaks (`{"other": name}` for the rest).
    #[schema = "transport-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum TransportKind {
        /// NATS.
        Nats,
        /// Apache Kafka.
        Kafka,
        /// Amazon SQS.
        Sqs,
        /// HTTP webhooks.
        Webhook,
        /// Email.
        Email,
        /// Any other transport, by name.
        Other(String),
    }

    /// The delivery guarantee of an event provider.
    #[schema = "reliability-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum ReliabilityKind {
        /// Events may be lost, never duplicated.
        AtMostOnce,
        /// Events may be duplicated, never lost.
        AtLeastOnce,
        /// Neither lost nor (observably) duplicated.
        EffectivelyOnce,
    }

    /// The ordering guarantee of an event provider.
    #[schema = "ordering-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum OrderingKind {
        /// No ordering.
        None,
        /// Ordered per partition key.
        PerKey,
        /// One global order.
        Global,
    }

    /// What an event provider is and what it guarantees.
    #[schema = "event-provider-descriptor"]
    #[derive(Eq, Hash)]
    pub struct EventProviderDescriptor {
        /// Provider name.
        pub name: String,
        /// Its role.
        pub kind: EventProviderKind,
        /// Its transport.
        pub transport: TransportKind,
        /// Its delivery guarantee.
        pub reliability: ReliabilityKind,
        /// Its ordering guarantee.
        pub ordering: OrderingKind,
        /// Free-form notes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
        /// Free-form tags.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
    }
}

impl Default for EventProviderDescriptor {
    /// A broker named `provider` over an unspecified transport, at most once,
    /// unordered (0.4.13's default); the wire fields stay required.
    fn default() -> Self {
        Self {
            name: String::from("provider"),
            kind: EventProviderKind::Broker,
            transport: TransportKind::Other(String::from("unspecified")),
            reliability: ReliabilityKind::AtMostOnce,
            ordering: OrderingKind::None,
            notes: None,
            tags: Vec::new(),
        }
    }
}
