//! A crate that depends on `greentic-types` alone and declares its own models.
//!
//! ```
//! use greentic_types_downstream_check::{Widget, WidgetId};
//!
//! let w = Widget { id: WidgetId::new("w-1")?, labels: vec!["new".into()] };
//! assert_eq!(serde_json::to_value(&w)?["id"], "w-1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! It has no serde, schemars or inventory dependency and no features of its
//! own, and it depends on `greentic-types` under another name (`gt`):
//! everything the DSL emits must resolve through `$crate`, with the features
//! `greentic-types` was built with.

use gt::{greentic_model, id_newtype, TenantId};

id_newtype! {
    /// Identifier of a widget.
    pub WidgetId, schema = "downstream-widget-id";
}

greentic_model! {
    /// A widget owned by a tenant.
    #[schema = "downstream-widget"]
    #[derive(Eq)]
    pub struct Widget {
        /// Which widget.
        pub id: WidgetId,
        /// Labels shown under it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub labels: Vec<String>,
    }

    /// A generation of widgets: `gen` is a plain name in edition 2021.
    pub struct Generation {
        /// Which generation.
        pub gen: u32,
        /// Its widgets.
        #[serde(default)]
        pub widgets: Vec<Widget>,
    }

    /// Who may see a widget.
    #[schema = "downstream-visibility"]
    #[serde(rename_all = "snake_case")]
    pub enum Visibility {
        /// Everyone.
        Public,
        /// One tenant.
        Tenant(TenantId),
    }
}
