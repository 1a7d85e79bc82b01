//! Tenant configuration of the repository UI (skin, sign-in options, enabled
//! packs, pipeline defaults) and a tenant's DID document.
//!
//! ```
//! use greentic_types::{RepoTenantConfig, TenantDidDocument};
//!
//! let config: RepoTenantConfig =
//!     serde_json::from_str(r#"{"tenant_id": "acme", "enabled_packs": {}, "stores": []}"#)?;
//! let out = serde_json::to_value(&config)?;
//! // Every key of `enabled_packs` is written, `null` when unset; `Some(empty)` stays `[]`.
//! assert!(out["enabled_packs"]["scanners"].is_null());
//! assert_eq!(out["stores"], serde_json::json!([]));
//!
//! let did: TenantDidDocument = serde_json::from_str(
//!     r#"{"@context": "https://www.w3.org/ns/did/v1", "id": "did:web:acme.example"}"#,
//! )?;
//! assert_eq!(did.context(), ["https://www.w3.org/ns/did/v1"]);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! `RepoSkinLayout`, `RepoSkinLinks`, `EnabledPacks`, `DefaultPipeline` and
//! `RepoConfigFeatures` read every key as optional (a missing key takes the
//! type's default) and write every key, unset options as `null`, except
//! `RepoSkinLayout::hero_title`/`hero_subtitle`, omitted when unset. The DID
//! document keeps the W3C key names (`@context`, `verificationMethod`,
//! `publicKeyJwk`, `publicKeyMultibase`, `type`, `serviceEndpoint`).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::greentic_model;

greentic_model! {
    /// The repository UI's look for one tenant.
    #[schema = "repo-skin"]
    #[derive(Eq, Hash)]
    pub struct RepoSkin {
        /// The tenant.
        pub tenant_id: String,
        /// The tenant's display name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tenant_name: Option<String>,
        /// The product name shown in the UI.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub product_name: Option<String>,
        /// Colours, logos and fonts.
        pub theme: RepoSkinTheme,
        /// Which sections are shown.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub layout: Option<RepoSkinLayout>,
        /// Footer and help links.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub links: Option<RepoSkinLinks>,
        /// The worker side panel.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub worker_panel: Option<RepoWorkerPanel>,
    }

    /// Colours, logos and fonts of the repository UI.
    #[schema = "repo-skin-theme"]
    #[derive(Eq, Hash)]
    pub struct RepoSkinTheme {
        /// Logo URL.
        pub logo_url: String,
        /// Favicon URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub favicon_url: Option<String>,
        /// Hero image URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hero_image_url: Option<String>,
        /// Primary colour (CSS).
        pub primary_color: String,
        /// Accent colour (CSS).
        pub accent_color: String,
        /// Background colour (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub background_color: Option<String>,
        /// Background gradient (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub background_gradient: Option<String>,
        /// Success colour (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub success_color: Option<String>,
        /// Warning colour (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub warning_color: Option<String>,
        /// Danger colour (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub danger_color: Option<String>,
        /// Font family (CSS).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub font_family: Option<String>,
    }

    /// Which sections of the repository UI are shown (every key optional on input).
    #[schema = "repo-skin-layout"]
    #[serde(default)]
    #[derive(Eq, Hash, Default)]
    pub struct RepoSkinLayout {
        /// Hero title (omitted when unset).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub hero_title: Option<String>,
        /// Hero subtitle (omitted when unset).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub hero_subtitle: Option<String>,
        /// Whether the hero band is shown (`null` when unset).
        pub show_hero_band: Option<bool>,
        /// Whether the admin configuration is shown (`null` when unset).
        pub show_admin_config: Option<bool>,
        /// Whether the dashboard is shown.
        pub show_dashboard: bool,
        /// Whether repositories are shown.
        pub show_repositories: bool,
        /// Whether the pipeline is shown.
        pub show_pipeline: bool,
        /// Whether packs are shown.
        pub show_packs: bool,
        /// Whether trust and access are shown.
        pub show_trust_access: bool,
        /// Whether audit and compliance are shown.
        pub show_audit_compliance: bool,
    }

    /// The worker side panel of the repository UI.
    #[schema = "repo-worker-panel"]
    #[derive(Eq, Hash)]
    pub struct RepoWorkerPanel {
        /// Whether the panel exists.
        pub enabled: bool,
        /// Panel title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// Where it docks (`left`, `right`, ...).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub position: Option<String>,
        /// Whether it starts open.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_open: Option<bool>,
    }

    /// Help links of the repository UI (every key optional on input, `null` when unset).
    #[schema = "repo-skin-links"]
    #[serde(default)]
    #[derive(Eq, Hash, Default)]
    pub struct RepoSkinLinks {
        /// Documentation URL.
        pub docs_url: Option<String>,
        /// Support URL.
        pub support_url: Option<String>,
        /// Status page URL.
        pub status_url: Option<String>,
    }

    /// How users of one tenant sign in to the repository UI.
    #[schema = "repo-auth"]
    #[derive(Eq, Hash)]
    pub struct RepoAuth {
        /// The tenant.
        pub tenant_id: String,
        /// The sign-in options offered.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub identity_providers: Vec<IdentityProviderOption>,
    }

    /// One sign-in option.
    #[schema = "identity-provider-option"]
    #[derive(Eq, Hash)]
    pub struct IdentityProviderOption {
        /// Option identifier.
        pub id: String,
        /// Button label.
        pub label: String,
        /// Where the sign-in starts.
        pub login_url: String,
        /// Provider kind (`oidc`, `saml`, ...).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<String>,
        /// Icon name or URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub icon: Option<String>,
        /// Button style.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub button_style: Option<String>,
        /// Sort position.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order: Option<i32>,
        /// Whether the option is highlighted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recommended: Option<bool>,
        /// Longer description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    /// The repository configuration of one tenant.
    #[schema = "repo-tenant-config"]
    #[derive(Eq, Hash)]
    pub struct RepoTenantConfig {
        /// The tenant.
        pub tenant_id: String,
        /// Tabs shown in the UI.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub enabled_tabs: Vec<String>,
        /// Packs enabled per role (required, may be `{}`).
        pub enabled_packs: EnabledPacks,
        /// Pipeline defaults.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_pipeline: Option<DefaultPipeline>,
        /// Stores the tenant publishes to (an empty list is written as `[]`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub stores: Option<Vec<StoreTarget>>,
        /// Distributors the tenant ships to (an empty list is written as `[]`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub distributors: Option<Vec<DistributorTarget>>,
        /// Feature switches.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub features: Option<RepoConfigFeatures>,
        /// Page handlers by page (an empty map is written as `{}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub page_handlers: Option<BTreeMap<String, String>>,
    }

    /// Packs enabled per role (every key optional on input, `null` when unset).
    #[schema = "enabled-packs"]
    #[serde(default)]
    #[derive(Eq, Hash, Default)]
    pub struct EnabledPacks {
        /// Identity provider packs.
        pub identity_providers: Option<Vec<String>>,
        /// Source provider packs.
        pub source_providers: Option<Vec<String>>,
        /// Scanner packs.
        pub scanners: Option<Vec<String>>,
        /// Signing packs.
        pub signing: Option<Vec<String>>,
        /// Attestation packs.
        pub attestation: Option<Vec<String>>,
        /// Policy engine packs.
        pub policy_engines: Option<Vec<String>>,
        /// OCI provider packs.
        pub oci_providers: Option<Vec<String>>,
    }

    /// Pipeline defaults (every key optional on input, `null` when unset).
    #[schema = "default-pipeline"]
    #[serde(default)]
    #[derive(Eq, Hash, Default)]
    pub struct DefaultPipeline {
        /// Scanners to run.
        pub scanners: Option<Vec<String>>,
        /// Signing pack.
        pub signing: Option<String>,
        /// Attestation pack.
        pub attestation: Option<String>,
        /// Policy engine pack.
        pub policy_engine: Option<String>,
        /// OCI provider pack.
        pub oci_provider: Option<String>,
    }

    /// A store the tenant publishes to.
    #[schema = "store-target"]
    #[derive(Eq, Hash)]
    pub struct StoreTarget {
        /// Target identifier.
        pub id: String,
        /// Display label.
        pub label: String,
        /// Store URL.
        pub url: String,
        /// Longer description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    /// A distributor the tenant ships to.
    #[schema = "distributor-target"]
    #[derive(Eq, Hash)]
    pub struct DistributorTarget {
        /// Target identifier.
        pub id: String,
        /// Display label.
        pub label: String,
        /// Distributor URL.
        pub url: String,
        /// Longer description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    /// Feature switches of the repository UI (every key optional on input, `null` when unset).
    #[schema = "repo-config-features"]
    #[serde(default)]
    #[derive(Eq, Hash, Default)]
    pub struct RepoConfigFeatures {
        /// Whether manual approval is allowed.
        pub allow_manual_approve: Option<bool>,
        /// Whether advanced scan views are shown.
        pub show_advanced_scan_views: Option<bool>,
        /// Whether experimental modules are shown.
        pub show_experimental_modules: Option<bool>,
    }

    /// A tenant's DID document (W3C key names on the wire).
    #[schema = "tenant-did-document"]
    #[derive(Eq)]
    pub struct TenantDidDocument {
        /// The JSON-LD context, key `@context` (`null` when unset).
        #[serde(rename = "@context", default)]
        pub raw_context: Option<DidContext>,
        /// The DID.
        pub id: String,
        /// Keys of the DID, key `verificationMethod`.
        #[serde(rename = "verificationMethod", default, skip_serializing_if = "Option::is_none")]
        pub verification_method: Option<Vec<VerificationMethod>>,
        /// Ids of the verification methods usable for authentication.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub authentication: Option<Vec<String>>,
        /// Services of the DID.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub service: Vec<DidService>,
    }

    /// A JSON-LD `@context`: one URL or a list of them.
    #[schema = "did-context"]
    #[serde(untagged)]
    #[manual(serde)]
    #[derive(Eq, Hash)]
    pub enum DidContext {
        /// One context URL.
        Single(String),
        /// Several context URLs, in order.
        Multiple(Vec<String>),
    }

    /// A key of a DID (W3C key names: `type`, `publicKeyJwk`, `publicKeyMultibase`).
    #[schema = "verification-method"]
    #[derive(Eq)]
    pub struct VerificationMethod {
        /// Key identifier.
        pub id: String,
        /// Key type, key `type`.
        #[serde(rename = "type")]
        pub r#type: String,
        /// The DID controlling the key.
        pub controller: String,
        /// The public key as a JWK, key `publicKeyJwk` (omitted when absent;
        /// `null` reads as absent).
        #[serde(rename = "publicKeyJwk", default, skip_serializing_if = "Option::is_none")]
        pub public_key_jwk: Option<serde_json::Value>,
        /// The public key as multibase text, key `publicKeyMultibase`.
        #[serde(rename = "publicKeyMultibase", default, skip_serializing_if = "Option::is_none")]
        pub public_key_multibase: Option<String>,
    }

    /// A service of a DID (W3C key names: `type`, `serviceEndpoint`).
    #[schema = "did-service"]
    #[derive(Eq, Hash)]
    pub struct DidService {
        /// Service identifier.
        pub id: String,
        /// Service type, key `type`.
        #[serde(rename = "type")]
        pub r#type: String,
        /// Service URL, key `serviceEndpoint`.
        #[serde(rename = "serviceEndpoint")]
        pub service_endpoint: String,
    }
}

impl TenantDidDocument {
    /// The `@context` URLs as a list: one element for a single URL, empty when unset.
    pub fn context(&self) -> Vec<String> {
        match &self.raw_context {
            None => Vec::new(),
            Some(DidContext::Single(url)) => vec![url.clone()],
            Some(DidContext::Multiple(urls)) => urls.clone(),
        }
    }
}

crate::if_serde! {
    impl serde::Serialize for DidContext {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Self::Single(url) => s.serialize_str(url),
                Self::Multiple(urls) => serde::Serialize::serialize(urls, s),
            }
        }
    }

    /// A string or an array of strings; a wrong element is reported at its
    /// own pointer (`/1: must be a string ...`), which the registry anchors
    /// under `/@context`.
    impl<'de> serde::Deserialize<'de> for DidContext {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            const RULE: &str = "a @context: a URL string or an array of URL strings";
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = DidContext;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str(RULE)
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DidContext, E> {
                    Ok(DidContext::Single(v.into()))
                }
                fn visit_string<E: serde::de::Error>(self, v: String) -> Result<DidContext, E> {
                    Ok(DidContext::Single(v))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<DidContext, A::Error> {
                    let mut urls = Vec::new();
                    loop {
                        let index = urls.len();
                        match seq.next_element::<serde_json::Value>()? {
                            None => return Ok(DidContext::Multiple(urls)),
                            Some(serde_json::Value::String(url)) => urls.push(url),
                            Some(_) => {
                                return Err(crate::error_at(
                                    &alloc::format!("/{index}"),
                                    "must be a string (an array of URL strings)",
                                ));
                            }
                        }
                    }
                }
            }
            d.deserialize_any(Visitor)
        }
    }
}
