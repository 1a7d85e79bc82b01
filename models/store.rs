//! The store: storefronts and their catalog, plans and prices, subscriptions,
//! environments, and the desired state a distributor rolls out.
//!
//! ```
//! use greentic_types::{
//!     ConnectionKind, DistributorRef, EnvId, Environment, EnvironmentRef, PriceModel, StoreFront,
//!     TenantCtx, TenantId, Theme, VersionStrategy,
//! };
//!
//! // A storefront without a theme gets the default one.
//! let front: StoreFront = serde_json::from_str(r#"{"id": "main", "slug": "main", "name": "Main"}"#)?;
//! assert_eq!(front.theme, Theme::default());
//!
//! // Prices are snake-case enums.
//! let price: PriceModel = serde_json::from_str(r#"{"flat": {"amount_micro": 9900000, "period_days": 30}}"#)?;
//! assert_eq!(price, PriceModel::Flat { amount_micro: 9_900_000, period_days: 30 });
//!
//! // Version strategies keep both of 0.4.13's wire forms.
//! let pinned: VersionStrategy = serde_json::from_str(r#"{"pinned": {"requirement": "^1.2"}}"#)?;
//! let fixed: VersionStrategy = serde_json::from_str(r#"{"kind": "fixed", "version": "1.2.3"}"#)?;
//! assert_eq!(serde_json::to_string(&pinned)?, r#"{"pinned":{"requirement":"^1.2"}}"#);
//! assert_eq!(serde_json::to_string(&fixed)?, r#"{"kind":"fixed","version":"1.2.3"}"#);
//!
//! let tenant = TenantCtx::new(EnvId::new("prod")?, TenantId::new("acme")?);
//! let env = Environment::new(
//!     EnvironmentRef::new("eu-1")?,
//!     tenant,
//!     DistributorRef::new("dist-1")?,
//!     ConnectionKind::Online,
//!     "Europe",
//! );
//! assert!(env.labels.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Wire rules beyond the schemas (API.md §11):
//!
//! - [`StoreFront::theme`] may be missing (then it is [`Theme::default`]); a
//!   theme that is present must be complete.
//! - [`StorePlan::limits`] may be missing (then it is [`PlanLimits::default`]).
//! - [`Subscription`] names its context `tenant_ctx` (every other type says `tenant`).
//! - [`VersionStrategy`] has two wire forms, both still read and written: the
//!   legacy snake-case one (`"latest"`, `"lts"`, `{"custom": s}`,
//!   `{"pinned": {"requirement": r}}`) and the `kind`-tagged one
//!   (`{"kind": "fixed", "version": v}`, `range`, `channel`, `custom`, `latest`).
//!
//! # Changes from 0.4.13
//!
//! - The `version-strategy` schema (and `store-product`, `desired-subscription-entry`
//!   and `desired-state`, which embed it) describes the wire 0.4.13 really speaks.
//!   0.4.13's schema showed PascalCase external tags (`"Latest"`, `{"Pinned": ..}`)
//!   that its own code rejects; ours rejects them too, in the code and in the schema.
//! - A [`PriceModel`] shape is read from an object only (0.4.13 also took
//!   serde's array form of a struct, `{"flat": [1, 30]}`, which the schema never
//!   allowed), and an object with two shapes at once is an error naming both.
//! - Identifiers are checked on input (see [`crate::ids`]).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

use crate::{
    ArtifactRef, BundleId, CollectionId, ComponentRef, DistributorRef, EnvironmentRef,
    MetadataRecordRef, PackId, PackRef, RepoRef, SemverReq, StoreFrontId, StorePlanId,
    StoreProductId, SubscriptionId, TenantCtx, greentic_model,
};

/// Capabilities a product needs or offers: capability name to its entries
/// (a sorted map, written as a JSON object of string arrays).
pub type CapabilityMap = BTreeMap<String, Vec<String>>;

greentic_model! {
    /// A storefront: a branded catalog of products for one tenant.
    #[schema = "storefront"]
    #[derive(Eq)]
    pub struct StoreFront {
        /// Storefront identifier.
        pub id: StoreFrontId,
        /// URL slug.
        pub slug: String,
        /// Display name.
        pub name: String,
        /// Visual theme; the default theme when missing (a theme that is present must be complete).
        #[serde(default)]
        pub theme: Theme,
        /// Page sections, in display order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub sections: Vec<LayoutSection>,
        /// Product collections shown on the storefront.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub collections: Vec<Collection>,
        /// Per-product presentation overrides.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub overrides: Vec<ProductOverride>,
        /// Worker that serves the storefront.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub worker_id: Option<String>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// The visual theme of a storefront: colors, font and optional imagery.
    #[schema = "theme"]
    #[derive(Eq, Hash)]
    pub struct Theme {
        /// Primary color (CSS color).
        pub primary_color: String,
        /// Secondary color (CSS color).
        pub secondary_color: String,
        /// Accent color (CSS color).
        pub accent_color: String,
        /// Background color (CSS color).
        pub background_color: String,
        /// Text color (CSS color).
        pub text_color: String,
        /// CSS font family.
        pub font_family: String,
        /// Logo URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub logo_url: Option<String>,
        /// Favicon URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub favicon_url: Option<String>,
        /// Hero image URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hero_image_url: Option<String>,
        /// Hero title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hero_title: Option<String>,
        /// Hero subtitle.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hero_subtitle: Option<String>,
        /// Card corner radius, in pixels.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub card_radius: Option<u8>,
        /// Card elevation level.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub card_elevation: Option<u8>,
        /// Button style name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub button_style: Option<String>,
    }

    /// A section of a storefront page.
    #[schema = "layout-section"]
    #[derive(Eq)]
    pub struct LayoutSection {
        /// Section identifier, unique within the storefront.
        pub id: String,
        /// What the section shows.
        pub kind: LayoutSectionKind,
        /// The collection a collection section shows.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub collection_id: Option<CollectionId>,
        /// Title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// Subtitle.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subtitle: Option<String>,
        /// Position on the page (lower first).
        pub sort_order: i32,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// What a layout section shows.
    #[schema = "layout-section-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum LayoutSectionKind {
        /// A hero banner.
        Hero,
        /// A featured collection.
        FeaturedCollection,
        /// A product grid.
        Grid,
        /// A call to action.
        Cta,
        /// Any other kind, by name.
        Custom(String),
    }

    /// A named, ordered group of products on a storefront.
    #[schema = "collection"]
    #[derive(Eq)]
    pub struct Collection {
        /// Collection identifier.
        pub id: CollectionId,
        /// The storefront it belongs to.
        pub storefront_id: StoreFrontId,
        /// Title.
        pub title: String,
        /// URL slug.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub slug: Option<String>,
        /// Description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// Products in the collection, in display order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub product_ids: Vec<StoreProductId>,
        /// Position among the storefront's collections (lower first).
        pub sort_order: i32,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// How one storefront presents one product.
    #[schema = "product-override"]
    #[derive(Eq)]
    pub struct ProductOverride {
        /// The storefront.
        pub storefront_id: StoreFrontId,
        /// The product.
        pub product_id: StoreProductId,
        /// Name shown instead of the product's own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        /// Short description shown instead of the product's own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub short_description: Option<String>,
        /// Badges shown on the product.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub badges: Vec<String>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// What a store product delivers.
    #[schema = "store-product-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum StoreProductKind {
        /// A component.
        Component,
        /// A flow.
        Flow,
        /// A pack.
        Pack,
    }

    /// A product in the store catalog.
    #[schema = "store-product"]
    #[derive(Eq)]
    pub struct StoreProduct {
        /// Product identifier.
        pub id: StoreProductId,
        /// What the product delivers.
        pub kind: StoreProductKind,
        /// Display name.
        pub name: String,
        /// URL slug.
        pub slug: String,
        /// Description.
        pub description: String,
        /// Repository the product is built from.
        pub source_repo: RepoRef,
        /// The component delivered, for component products.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub component_ref: Option<ComponentRef>,
        /// The pack delivered, for pack products.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pack_ref: Option<PackId>,
        /// Catalog category.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category: Option<String>,
        /// Search tags.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Capabilities: capability name to its entries.
        #[serde(default)]
        pub capabilities: CapabilityMap,
        /// Which versions subscribers receive.
        pub version_strategy: VersionStrategy,
        /// Plan preselected for new subscriptions.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_plan_id: Option<StorePlanId>,
        /// Whether the product is free.
        pub is_free: bool,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// Which versions of a product subscribers receive. Two wire forms, both read
    /// and written as 0.4.13 does: legacy snake-case ("latest", "lts", an object
    /// with "custom" or "pinned") and objects tagged with "kind" (latest, fixed,
    /// range, channel, custom). PascalCase names are not accepted.
    #[schema = "version-strategy"]
    #[manual(serde, schema)]
    #[derive(Eq, Hash)]
    pub enum VersionStrategy {
        /// The newest release; written as "latest".
        Latest,
        /// Releases matching a SemVer requirement; written as an object with "pinned".
        Pinned {
            /// The SemVer requirement.
            requirement: SemverReq,
        },
        /// The long-term-support line; written as "lts".
        Lts,
        /// A named strategy; written as an object with "custom".
        Custom(String),
        /// Exactly one version; written with kind "fixed".
        Fixed {
            /// The version.
            version: String,
        },
        /// A version range; written with kind "range".
        Range {
            /// The range expression.
            range: String,
        },
        /// A release channel; written with kind "channel".
        Channel {
            /// The channel name.
            channel: String,
        },
        /// A named strategy; written with kind "custom".
        CustomTagged {
            /// The strategy's value.
            value: String,
        },
    }

    /// A price model: exactly one of four shapes.
    #[schema = "price-model"]
    #[serde(rename_all = "snake_case")]
    // Serde by hand only so that an object with two shapes at once gets an
    // error naming both, from text as well as from a value (serde_json's text
    // reader says just "expected value" there); the wire is the derived one.
    #[manual(serde)]
    #[derive(Eq, Hash)]
    pub enum PriceModel {
        /// No charge.
        Free,
        /// A flat amount per period.
        Flat {
            /// Amount per period, in millionths of the currency unit.
            amount_micro: u64,
            /// Period length, in days.
            period_days: u16,
        },
        /// Usage-based: included units, then a rate per unit.
        Metered {
            /// Units included at no charge.
            included_units: u64,
            /// Price per unit beyond the included ones, in millionths of the currency unit.
            overage_rate_micro: u64,
            /// Name of the unit (e.g. "request").
            unit_label: String,
        },
        /// Negotiated terms.
        Enterprise {
            /// The terms, in words.
            description: String,
        },
    }

    /// Usage limits of a plan; each limit is unlimited when missing.
    #[schema = "plan-limits"]
    #[derive(Eq, Default)]
    pub struct PlanLimits {
        /// Most environments a subscriber may have.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_environments: Option<u32>,
        /// Most subscriptions a subscriber may have.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_subscriptions: Option<u32>,
        /// Units included per month.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub monthly_units_included: Option<u64>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// A plan a product can be subscribed under: price and limits.
    #[schema = "store-plan"]
    #[derive(Eq)]
    pub struct StorePlan {
        /// Plan identifier.
        pub id: StorePlanId,
        /// Display name.
        pub name: String,
        /// Description.
        pub description: String,
        /// Price model.
        pub price_model: PriceModel,
        /// Usage limits; no limits when missing.
        #[serde(default)]
        pub limits: PlanLimits,
        /// Search tags.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// Where a subscription stands.
    #[schema = "subscription-status"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum SubscriptionStatus {
        /// Being set up.
        Draft,
        /// In force.
        Active,
        /// Suspended for now.
        Paused,
        /// Ended.
        Cancelled,
        /// Failed.
        Error,
    }

    /// A tenant's subscription to a product under a plan. Its context is written
    /// under "tenant_ctx" (other store types say "tenant").
    #[schema = "subscription"]
    #[derive(Eq)]
    pub struct Subscription {
        /// Subscription identifier.
        pub id: SubscriptionId,
        /// The subscriber's context.
        pub tenant_ctx: TenantCtx,
        /// The product subscribed to.
        pub product_id: StoreProductId,
        /// The plan subscribed under.
        pub plan_id: StorePlanId,
        /// The environment the product is delivered to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub environment_ref: Option<EnvironmentRef>,
        /// The distributor that delivers it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub distributor_ref: Option<DistributorRef>,
        /// Where the subscription stands.
        pub status: SubscriptionStatus,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// How an environment is reached by its distributor.
    #[schema = "connection-kind"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum ConnectionKind {
        /// Connected: changes are pushed.
        Online,
        /// Air-gapped: changes travel as exported bundles.
        Offline,
    }

    /// A deployment environment of a tenant, served by a distributor.
    #[schema = "environment"]
    #[derive(Eq)]
    pub struct Environment {
        /// Environment identifier.
        pub id: EnvironmentRef,
        /// The owning tenant's context.
        pub tenant: TenantCtx,
        /// Display name.
        pub name: String,
        /// Labels.
        #[serde(default)]
        pub labels: BTreeMap<String, String>,
        /// The distributor that serves the environment.
        pub distributor_ref: DistributorRef,
        /// How the distributor reaches it.
        pub connection_kind: ConnectionKind,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// Where a rollout stands.
    #[schema = "rollout-state"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum RolloutState {
        /// Not started.
        Pending,
        /// Computing the changes.
        Planning,
        /// Applying the changes.
        InProgress,
        /// Done.
        Succeeded,
        /// Failed.
        Failed,
        /// Waiting on something outside the rollout.
        Blocked,
    }

    /// The rollout status of an environment.
    #[schema = "rollout-status"]
    #[derive(Eq)]
    pub struct RolloutStatus {
        /// The environment.
        pub environment_ref: EnvironmentRef,
        /// The bundle being rolled out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bundle_id: Option<BundleId>,
        /// Where the rollout stands.
        pub state: RolloutState,
        /// Human-readable detail.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub message: Option<String>,
        /// The desired-state version being rolled out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub desired_state_version: Option<u64>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// A reference to a pack or to a component.
    #[schema = "pack-or-component-ref"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum PackOrComponentRef {
        /// A component.
        Component(ComponentRef),
        /// A pack, by identifier.
        Pack(PackId),
    }

    /// The artifact a desired-state entry deploys: a component or a pack.
    #[schema = "artifact-selector"]
    #[serde(rename_all = "snake_case")]
    #[derive(Eq, Hash)]
    pub enum ArtifactSelector {
        /// A component.
        Component(ComponentRef),
        /// A pack, by OCI reference.
        Pack(PackRef),
    }

    /// One artifact an environment should run, with its version strategy.
    #[schema = "desired-subscription-entry"]
    #[derive(Eq)]
    pub struct DesiredSubscriptionEntry {
        /// The artifact.
        pub selector: ArtifactSelector,
        /// Which versions to run.
        pub version_strategy: VersionStrategy,
        /// Configuration overrides.
        #[serde(default)]
        pub config_overrides: BTreeMap<String, Value>,
        /// Policy tags.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub policy_tags: Vec<String>,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// What an environment should run, at a version of the desired state.
    #[schema = "desired-state"]
    #[derive(Eq)]
    pub struct DesiredState {
        /// The owning tenant's context.
        pub tenant: TenantCtx,
        /// The environment.
        pub environment_ref: EnvironmentRef,
        /// The artifacts to run.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub entries: Vec<DesiredSubscriptionEntry>,
        /// Version of the desired state (increases with every change).
        pub version: u64,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }

    /// A bundle: the artifacts and metadata of one desired-state version, for an
    /// environment.
    #[schema = "bundle"]
    #[derive(Eq)]
    pub struct BundleSpec {
        /// Bundle identifier.
        pub bundle_id: BundleId,
        /// The owning tenant's context.
        pub tenant: TenantCtx,
        /// The environment.
        pub environment_ref: EnvironmentRef,
        /// The desired-state version the bundle carries.
        pub desired_state_version: u64,
        /// Artifacts in the bundle.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub artifact_refs: Vec<ArtifactRef>,
        /// Metadata records in the bundle.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub metadata_refs: Vec<MetadataRecordRef>,
        /// Free-form metadata.
        #[serde(default)]
        pub additional_metadata: BTreeMap<String, Value>,
    }

    /// A request to export a desired state (e.g. for an offline environment).
    #[schema = "desired-state-export"]
    #[derive(Eq)]
    pub struct DesiredStateExportSpec {
        /// The owning tenant's context.
        pub tenant: TenantCtx,
        /// The environment.
        pub environment_ref: EnvironmentRef,
        /// The desired-state version to export.
        pub desired_state_version: u64,
        /// Whether to include the artifacts themselves (false when missing).
        #[serde(default)]
        pub include_artifacts: bool,
        /// Whether to include metadata records (false when missing).
        #[serde(default)]
        pub include_metadata: bool,
        /// Free-form metadata.
        #[serde(default)]
        pub metadata: BTreeMap<String, Value>,
    }
}

/// The schema of the `CapabilityMap` alias: a type alias cannot carry a
/// declaration, so a private newtype of the same shape registers it.
#[allow(dead_code)]
mod capability_map_schema {
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use alloc::vec::Vec;

    crate::greentic_model! {
        /// Capabilities a product needs or offers: capability name to its entries.
        #[schema = "capability-map"]
        #[serde(transparent)]
        #[derive(Eq, Hash)]
        pub struct CapabilityMap(BTreeMap<String, Vec<String>>);
    }
}

impl Default for Theme {
    /// The default storefront theme: teal on white, `Inter, sans-serif`, no imagery.
    fn default() -> Self {
        Self {
            primary_color: "#0f766e".into(),
            secondary_color: "#134e4a".into(),
            accent_color: "#10b981".into(),
            background_color: "#ffffff".into(),
            text_color: "#0f172a".into(),
            font_family: "Inter, sans-serif".into(),
            logo_url: None,
            favicon_url: None,
            hero_image_url: None,
            hero_title: None,
            hero_subtitle: None,
            card_radius: None,
            card_elevation: None,
            button_style: None,
        }
    }
}

impl Environment {
    /// An environment with no labels or metadata (arguments in 0.4.13's order,
    /// which is not the field order).
    pub fn new(
        id: EnvironmentRef,
        tenant: TenantCtx,
        distributor_ref: DistributorRef,
        connection_kind: ConnectionKind,
        name: impl Into<String>,
    ) -> Self {
        Self {
            id,
            tenant,
            name: name.into(),
            labels: BTreeMap::new(),
            distributor_ref,
            connection_kind,
            metadata: BTreeMap::new(),
        }
    }
}

crate::if_serde! {
    /// A one-entry JSON object, `{key: value}`.
    struct OneEntry<'a, V: ?Sized>(&'static str, &'a V);

    impl<V: serde::Serialize + ?Sized> serde::Serialize for OneEntry<'_, V> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(self.0, self.1)?;
            map.end()
        }
    }

    /// A `kind`-tagged JSON object, `{"kind": kind, key: value}`.
    struct Tagged<'a>(&'static str, &'static str, &'a str);

    impl serde::Serialize for Tagged<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("kind", self.0)?;
            map.serialize_entry(self.1, self.2)?;
            map.end()
        }
    }

    impl serde::Serialize for VersionStrategy {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Self::Latest => s.serialize_str("latest"),
                Self::Lts => s.serialize_str("lts"),
                Self::Custom(name) => OneEntry("custom", name.as_str()).serialize(s),
                Self::Pinned { requirement } => {
                    OneEntry("pinned", &OneEntry("requirement", requirement)).serialize(s)
                }
                Self::Fixed { version } => Tagged("fixed", "version", version).serialize(s),
                Self::Range { range } => Tagged("range", "range", range).serialize(s),
                Self::Channel { channel } => Tagged("channel", "channel", channel).serialize(s),
                Self::CustomTagged { value } => Tagged("custom", "value", value).serialize(s),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for VersionStrategy {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = VersionStrategy;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("a version strategy: \"latest\", \"lts\", an object with `pinned` or `custom`, or an object tagged with `kind`")
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VersionStrategy, E> {
                    match v {
                        "latest" => Ok(VersionStrategy::Latest),
                        "lts" => Ok(VersionStrategy::Lts),
                        other => Err(E::custom(alloc::format!(
                            "unknown variant `{other}`, expected `latest` or `lts` (or an object with `pinned`, `custom` or `kind`)"
                        ))),
                    }
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<VersionStrategy, A::Error> {
                    let mut entries: Vec<(String, Value)> = Vec::new();
                    while let Some(key) = map.next_key::<String>()? {
                        if entries.iter().any(|(k, _)| *k == key) {
                            return Err(serde::de::Error::custom(alloc::format!("duplicate field `{key}`")));
                        }
                        let value = map.next_value::<Value>()?;
                        entries.push((key, value));
                    }
                    // `from_entries` starts a message with the pointer of the
                    // member at fault (one of its own key names), or with none.
                    VersionStrategy::from_entries(entries).map_err(|message| {
                        match message.split_once(": ") {
                            Some((pointer, rule)) if pointer.starts_with('/') => {
                                crate::error_at(pointer, rule)
                            }
                            _ => serde::de::Error::custom(message),
                        }
                    })
                }
            }
            d.deserialize_any(Visitor)
        }
    }

    impl VersionStrategy {
        /// Reads an object form: `kind`-tagged when it has a `kind` key (0.4.13
        /// tries that form first), else the legacy one-key form. Errors start
        /// with the JSON pointer of the offending key, relative to the object.
        fn from_entries(mut entries: Vec<(String, Value)>) -> Result<Self, String> {
            fn take(entries: &mut Vec<(String, Value)>, key: &str) -> Option<Value> {
                let at = entries.iter().position(|(k, _)| k == key)?;
                Some(entries.swap_remove(at).1)
            }
            fn string(value: Value, pointer: &str) -> Result<String, String> {
                serde_json::from_value(value).map_err(|e| alloc::format!("{pointer}: {e}"))
            }
            fn field(entries: &mut Vec<(String, Value)>, key: &str) -> Result<String, String> {
                match take(entries, key) {
                    Some(value) => string(value, &alloc::format!("/{key}")),
                    None => Err(alloc::format!("missing field `{key}`")),
                }
            }

            if let Some(kind) = take(&mut entries, "kind") {
                return match string(kind, "/kind")?.as_str() {
                    "latest" => Ok(Self::Latest),
                    "fixed" => Ok(Self::Fixed { version: field(&mut entries, "version")? }),
                    "range" => Ok(Self::Range { range: field(&mut entries, "range")? }),
                    "channel" => Ok(Self::Channel { channel: field(&mut entries, "channel")? }),
                    "custom" => Ok(Self::CustomTagged { value: field(&mut entries, "value")? }),
                    other => Err(alloc::format!(
                        "/kind: unknown variant `{other}`, expected one of `latest`, `fixed`, `range`, `channel`, `custom`"
                    )),
                };
            }
            let Some((key, value)) = entries.pop() else {
                return Err("an empty object is not a version strategy (expected `pinned`, `custom` or `kind`)".into());
            };
            if !entries.is_empty() {
                return Err(alloc::format!(
                    "a version strategy object without `kind` has exactly one key, `pinned` or `custom` (found {})",
                    entries.len() + 1
                ));
            }
            match key.as_str() {
                // serde's derived enum (0.4.13's legacy form) also reads a unit
                // variant as a one-key object with `null`.
                "latest" if value.is_null() => Ok(Self::Latest),
                "lts" if value.is_null() => Ok(Self::Lts),
                "custom" => Ok(Self::Custom(string(value, "/custom")?)),
                "pinned" => {
                    let mut body: serde_json::Map<String, Value> =
                        serde_json::from_value(value).map_err(|e| alloc::format!("/pinned: {e}"))?;
                    let requirement = body
                        .remove("requirement")
                        .ok_or_else(|| String::from("/pinned: missing field `requirement`"))?;
                    let requirement = serde_json::from_value(requirement)
                        .map_err(|e| alloc::format!("/pinned/requirement: {e}"))?;
                    Ok(Self::Pinned { requirement })
                }
                other => Err(alloc::format!(
                    "unknown variant `{other}`, expected `pinned` or `custom` (or an object tagged with `kind`)"
                )),
            }
        }
    }
}

crate::if_serde! {
    /// The shapes of a price model, in declaration order.
    const PRICE_SHAPES: &[&str] = &["free", "flat", "metered", "enterprise"];

    /// Reads `T` from an object only, never from serde's sequence form of a
    /// struct (DESIGN.md: structs are objects; the schema says object).
    struct ObjectOnly<T>(T);

    impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOnly<T> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visitor<T>(core::marker::PhantomData<T>);
            impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
                type Value = T;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                    T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                }
            }
            d.deserialize_map(Visitor(core::marker::PhantomData)).map(ObjectOnly)
        }
    }

    #[derive(serde::Deserialize)]
    struct FlatBody {
        amount_micro: u64,
        period_days: u16,
    }

    #[derive(serde::Deserialize)]
    struct MeteredBody {
        included_units: u64,
        overage_rate_micro: u64,
        unit_label: String,
    }

    #[derive(serde::Deserialize)]
    struct EnterpriseBody {
        description: String,
    }

    impl serde::Serialize for PriceModel {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStructVariant;
            match self {
                Self::Free => s.serialize_unit_variant("PriceModel", 0, "free"),
                Self::Flat { amount_micro, period_days } => {
                    let mut v = s.serialize_struct_variant("PriceModel", 1, "flat", 2)?;
                    v.serialize_field("amount_micro", amount_micro)?;
                    v.serialize_field("period_days", period_days)?;
                    v.end()
                }
                Self::Metered { included_units, overage_rate_micro, unit_label } => {
                    let mut v = s.serialize_struct_variant("PriceModel", 2, "metered", 3)?;
                    v.serialize_field("included_units", included_units)?;
                    v.serialize_field("overage_rate_micro", overage_rate_micro)?;
                    v.serialize_field("unit_label", unit_label)?;
                    v.end()
                }
                Self::Enterprise { description } => {
                    let mut v = s.serialize_struct_variant("PriceModel", 3, "enterprise", 1)?;
                    v.serialize_field("description", description)?;
                    v.end()
                }
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for PriceModel {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = PriceModel;
                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("a price model: \"free\" or an object with one of `flat`, `metered`, `enterprise`")
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PriceModel, E> {
                    match v {
                        "free" => Ok(PriceModel::Free),
                        "flat" | "metered" | "enterprise" => Err(E::custom(alloc::format!(
                            "`{v}` needs its fields: write an object {{\"{v}\": {{...}}}}"
                        ))),
                        other => Err(E::unknown_variant(other, PRICE_SHAPES)),
                    }
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PriceModel, A::Error> {
                    use serde::de::Error as _;
                    let Some(shape) = map.next_key::<String>()? else {
                        return Err(A::Error::custom(
                            "an empty object is not a price model (expected one of `free`, `flat`, `metered`, `enterprise`)",
                        ));
                    };
                    let value = match shape.as_str() {
                        "free" => map.next_value::<()>().map(|()| PriceModel::Free)?,
                        "flat" => map.next_value::<ObjectOnly<FlatBody>>().map(|b| PriceModel::from(b.0))?,
                        "metered" => map.next_value::<ObjectOnly<MeteredBody>>().map(|b| PriceModel::from(b.0))?,
                        "enterprise" => map.next_value::<ObjectOnly<EnterpriseBody>>().map(|b| PriceModel::from(b.0))?,
                        other => return Err(A::Error::unknown_variant(other, PRICE_SHAPES)),
                    };
                    if let Some(second) = map.next_key::<String>()? {
                        return Err(A::Error::custom(alloc::format!(
                            "a price model has exactly one shape, found `{shape}` and `{second}`"
                        )));
                    }
                    Ok(value)
                }
                fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<PriceModel, A::Error> {
                    // Formats that tag enums (YAML's `!flat {...}`) arrive here.
                    use serde::de::{Error as _, VariantAccess as _};
                    let (shape, variant) = data.variant::<String>()?;
                    match shape.as_str() {
                        "free" => variant.unit_variant().map(|()| PriceModel::Free),
                        "flat" => variant.newtype_variant::<ObjectOnly<FlatBody>>().map(|b| PriceModel::from(b.0)),
                        "metered" => variant.newtype_variant::<ObjectOnly<MeteredBody>>().map(|b| PriceModel::from(b.0)),
                        "enterprise" => variant.newtype_variant::<ObjectOnly<EnterpriseBody>>().map(|b| PriceModel::from(b.0)),
                        other => Err(A::Error::unknown_variant(other, PRICE_SHAPES)),
                    }
                }
            }
            d.deserialize_any(Visitor)
        }
    }

    impl From<FlatBody> for PriceModel {
        fn from(b: FlatBody) -> Self {
            Self::Flat { amount_micro: b.amount_micro, period_days: b.period_days }
        }
    }

    impl From<MeteredBody> for PriceModel {
        fn from(b: MeteredBody) -> Self {
            Self::Metered {
                included_units: b.included_units,
                overage_rate_micro: b.overage_rate_micro,
                unit_label: b.unit_label,
            }
        }
    }

    impl From<EnterpriseBody> for PriceModel {
        fn from(b: EnterpriseBody) -> Self {
            Self::Enterprise { description: b.description }
        }
    }
}

crate::if_schemars! {
    impl schemars::JsonSchema for VersionStrategy {
        fn schema_name() -> alloc::borrow::Cow<'static, str> {
            "VersionStrategy".into()
        }

        fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
            let requirement = g.subschema_for::<SemverReq>();
            let tagged = |kind: &str, description: &str, field: Option<(&str, &str)>| {
                let mut properties = serde_json::Map::new();
                properties.insert("kind".into(), serde_json::json!({"type": "string", "const": kind}));
                let mut required = alloc::vec![Value::from("kind")];
                if let Some((name, doc)) = field {
                    properties.insert(name.into(), serde_json::json!({"type": "string", "description": doc}));
                    required.push(Value::from(name));
                }
                serde_json::json!({
                    "description": description,
                    "type": "object",
                    "properties": properties,
                    "required": required,
                })
            };
            schemars::json_schema!({
                "description": "Which versions of a product subscribers receive. Two wire forms, both read and written as 0.4.13 does: legacy snake-case (\"latest\", \"lts\", an object with \"custom\" or \"pinned\") and objects tagged with \"kind\" (latest, fixed, range, channel, custom). PascalCase names are not accepted.",
                "oneOf": [
                    {"description": "The newest release (legacy form).", "type": "string", "const": "latest"},
                    {"description": "The long-term-support line.", "type": "string", "const": "lts"},
                    {
                        "description": "The newest release, as serde's one-key object form of a unit variant (read only; written as \"latest\").",
                        "type": "object",
                        "properties": {"latest": {"type": "null"}},
                        "required": ["latest"],
                        "additionalProperties": false
                    },
                    {
                        "description": "The long-term-support line, as serde's one-key object form of a unit variant (read only; written as \"lts\").",
                        "type": "object",
                        "properties": {"lts": {"type": "null"}},
                        "required": ["lts"],
                        "additionalProperties": false
                    },
                    {
                        "description": "Releases matching a SemVer requirement.",
                        "type": "object",
                        "properties": {
                            "pinned": {
                                "type": "object",
                                "properties": {"requirement": requirement},
                                "required": ["requirement"]
                            }
                        },
                        "required": ["pinned"],
                        "additionalProperties": false
                    },
                    {
                        "description": "A named strategy (legacy form).",
                        "type": "object",
                        "properties": {"custom": {"type": "string"}},
                        "required": ["custom"],
                        "additionalProperties": false
                    },
                    tagged("latest", "The newest release (tagged form).", None),
                    tagged("fixed", "Exactly one version.", Some(("version", "The version."))),
                    tagged("range", "A version range.", Some(("range", "The range expression."))),
                    tagged("channel", "A release channel.", Some(("channel", "The channel name."))),
                    tagged("custom", "A named strategy (tagged form).", Some(("value", "The strategy's value."))),
                ]
            })
        }
    }
}
