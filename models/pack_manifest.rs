//! Pack manifests: the flows and components a pack bundles.
//!
//! ```
//! use greentic_types::{PackKind, PackManifest};
//!
//! let manifest: PackManifest = serde_json::from_str(r#"{
//!     "id": "greentic.support",
//!     "version": "0.3.0",
//!     "kind": "application",
//!     "flows": [{"id": "support", "file": "flows/support.ygtc"}],
//!     "components": [{"id": "greentic.llm", "version_req": "^1.2"}],
//!     "connectors": null
//! }"#)?;
//! assert_eq!(manifest.kind, Some(PackKind::Application));
//! assert!(manifest.components[0].version_req.to_version_req().matches(&semver::Version::new(1, 4, 0)));
//! assert_eq!(manifest.connectors, None); // `null` reads as absent
//!
//! // `flows` and `components` are always written, even empty.
//! let json = serde_json::to_value(PackManifest::new(manifest.id.clone(), manifest.version.clone()))?;
//! assert_eq!(json, serde_json::json!({"id": "greentic.support", "version": "0.3.0", "flows": [], "components": []}));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The wire is 0.4.13's. `profiles`, `component_sources` and `connectors` are
//! free-form values, left out when absent; JSON `null` reads as absent.

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

use crate::{ComponentId, FlowId, PackId, SemverReq, greentic_model};

greentic_model! {
    /// What a pack is for.
    #[schema = "pack-kind"]
    #[serde(rename_all = "lowercase")]
    #[derive(Copy, Eq, Hash)]
    pub enum PackKind {
        /// Flows and components that serve users.
        Application,
        /// Infrastructure for deploying other packs.
        Deployment,
        /// Both.
        Mixed,
    }

    /// A pack: its identity, the flows it bundles and the components they need.
    #[schema = "pack-manifest"]
    #[manual(generate)]
    #[derive(Eq)]
    pub struct PackManifest {
        /// Pack identifier.
        pub id: PackId,
        /// SemVer version.
        pub version: semver::Version,
        /// Display name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        /// Flows bundled in the pack (always written).
        #[serde(default)]
        pub flows: Vec<PackFlowRef>,
        /// Components the flows need (always written).
        #[serde(default)]
        pub components: Vec<PackComponentRef>,
        /// Free-form profile settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub profiles: Option<Value>,
        /// Free-form description of where components come from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub component_sources: Option<Value>,
        /// Free-form connector settings (`null` reads as absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connectors: Option<Value>,
        /// What the pack is for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<PackKind>,
    }

    /// A flow bundled in a pack, and the file holding it.
    #[schema = "pack-flow-ref"]
    #[derive(Eq, Hash)]
    pub struct PackFlowRef {
        /// Flow identifier.
        pub id: FlowId,
        /// Path of the flow file inside the pack.
        pub file: String,
    }

    /// A component a pack needs, with the versions it accepts.
    #[schema = "pack-component-ref"]
    #[derive(Eq, Hash)]
    pub struct PackComponentRef {
        /// Component identifier.
        pub id: ComponentId,
        /// Accepted versions (a SemVer requirement, kept as written).
        pub version_req: SemverReq,
        /// Where to fetch it from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source: Option<String>,
    }
}

impl PackManifest {
    /// A manifest for pack `id` at `version`, with no flows, components or options.
    pub fn new(id: PackId, version: semver::Version) -> Self {
        Self {
            id,
            version,
            name: None,
            flows: Vec::new(),
            components: Vec::new(),
            profiles: None,
            component_sources: None,
            connectors: None,
            kind: None,
        }
    }
}

impl PackFlowRef {
    /// A reference to flow `id` stored in `file`.
    pub fn new(id: FlowId, file: impl Into<String>) -> Self {
        Self {
            id,
            file: file.into(),
        }
    }
}

impl PackComponentRef {
    /// A reference to component `id`, accepting `version_req`, with no source.
    pub fn new(id: ComponentId, version_req: SemverReq) -> Self {
        Self {
            id,
            version_req,
            source: None,
        }
    }
}

crate::if_proptest! {
    impl crate::generate::Generate for PackManifest {
        /// Field by field, except that a free-form value is never `Some(null)`:
        /// `null` reads back as absent, so it would not round-trip.
        fn generate(g: &mut crate::generate::Gen) -> Self {
            use crate::generate::Generate;
            let free = |g: &mut crate::generate::Gen| Option::<Value>::generate(g).filter(|v| !v.is_null());
            Self {
                id: Generate::generate(g),
                version: Generate::generate(g),
                name: Generate::generate(g),
                flows: Generate::generate(g),
                components: Generate::generate(g),
                profiles: free(g),
                component_sources: free(g),
                connectors: free(g),
                kind: Generate::generate(g),
            }
        }
    }
}
