//! The store's wire (API.md §11): documents as 0.4.13 writes them read and
//! write back the same; defaults, enums, quirks and helpers.

use std::collections::BTreeMap;
use std::path::Path;

use greentic_types::{
    ArtifactSelector, BundleSpec, Collection, ComponentRef, ConnectionKind, DesiredState,
    DesiredStateExportSpec, DistributorRef, EnvId, Environment, EnvironmentRef, LayoutSection,
    LayoutSectionKind, PackId, PackOrComponentRef, PackRef, PlanLimits, PriceModel,
    ProductOverride, RolloutState, RolloutStatus, SemverReq, Signature, SignatureAlgorithm,
    StoreFront, StorePlan, StoreProduct, StoreProductKind, Subscription, SubscriptionStatus,
    TenantCtx, TenantId, Theme, VersionStrategy,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Reads `doc` as `T` from its text and writes it back.
fn round_trip<T: Serialize + DeserializeOwned>(doc: &Value) -> (T, Value) {
    let value: T = serde_json::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{doc}: {e}"));
    let out = serde_json::to_value(&value).expect("serializes");
    (value, out)
}

fn read<T: DeserializeOwned>(doc: Value) -> Result<T, String> {
    serde_json::from_str(&doc.to_string()).map_err(|e| e.to_string())
}

fn tenant() -> TenantCtx {
    TenantCtx::new(EnvId::new("prod").unwrap(), TenantId::new("acme").unwrap())
}

#[test]
fn store_documents_written_by_0_4_13_read_and_write_back_value_for_value() {
    fn same<T: Serialize + DeserializeOwned>(name: &str) {
        let doc = fixture(name);
        let (_, out) = round_trip::<T>(&doc);
        assert_eq!(out, doc, "{name}");
    }
    same::<StoreFront>("storefront.json");
    same::<StoreProduct>("store-product.json");
    same::<StorePlan>("store-plan.json");
    same::<Subscription>("subscription.json");
    same::<Environment>("environment.json");
    same::<RolloutStatus>("rollout-status.json");
    same::<DesiredState>("desired-state.json");
    same::<BundleSpec>("bundle.json");
    same::<DesiredStateExportSpec>("desired-state-export.json");
}

#[test]
fn storefront_fixture_reads_into_the_expected_fields() {
    let (front, _) = round_trip::<StoreFront>(&fixture("storefront.json"));
    assert_eq!(front.id, "main");
    assert_eq!(front.theme.font_family, "Roboto, sans-serif");
    assert_eq!(front.theme.card_radius, Some(8));
    assert_eq!(front.theme.favicon_url, None);
    let kinds: Vec<&LayoutSectionKind> = front.sections.iter().map(|s| &s.kind).collect();
    assert_eq!(
        kinds,
        [
            &LayoutSectionKind::Hero,
            &LayoutSectionKind::FeaturedCollection,
            &LayoutSectionKind::Grid,
            &LayoutSectionKind::Cta,
            &LayoutSectionKind::Custom("carousel".into()),
        ]
    );
    assert_eq!(front.sections[4].sort_order, -1);
    assert_eq!(front.collections[0].product_ids[1], "crm-sync");
    assert_eq!(front.overrides[0].badges, ["new", "popular"]);
    assert_eq!(front.metadata["launch"], json!({"year": 2024}));
}

#[test]
fn a_missing_theme_reads_as_the_default_theme_and_is_written_out() {
    let (front, out) =
        round_trip::<StoreFront>(&json!({"id": "main", "slug": "main", "name": "Main"}));
    assert_eq!(front.theme, Theme::default());
    assert_eq!(
        out["theme"],
        json!({
            "primary_color": "#0f766e",
            "secondary_color": "#134e4a",
            "accent_color": "#10b981",
            "background_color": "#ffffff",
            "text_color": "#0f172a",
            "font_family": "Inter, sans-serif"
        }),
        "the default theme's options are None, so omitted"
    );
    let theme = Theme::default();
    assert!(
        [
            &theme.logo_url,
            &theme.favicon_url,
            &theme.hero_image_url,
            &theme.hero_title,
            &theme.hero_subtitle,
            &theme.button_style
        ]
        .iter()
        .all(|o| o.is_none())
    );
    assert_eq!((theme.card_radius, theme.card_elevation), (None, None));
}

#[test]
fn a_present_but_partial_theme_is_an_error_naming_the_missing_field() {
    let err = read::<StoreFront>(json!({
        "id": "main", "slug": "main", "name": "Main",
        "theme": {"primary_color": "#000000"}
    }))
    .unwrap_err();
    assert!(err.contains("missing field `secondary_color`"), "{err}");
    let err =
        read::<StoreFront>(json!({"id": "main", "slug": "main", "name": "Main", "theme": {}}))
            .unwrap_err();
    assert!(err.contains("missing field `primary_color`"), "{err}");
}

#[test]
fn maps_are_empty_when_missing_and_always_written() {
    let (section, out) =
        round_trip::<LayoutSection>(&json!({"id": "s", "kind": "grid", "sort_order": 0}));
    assert!(section.metadata.is_empty());
    assert_eq!(
        out,
        json!({"id": "s", "kind": "grid", "sort_order": 0, "metadata": {}})
    );
    let (_, out) = round_trip::<Environment>(&json!({
        "id": "e", "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "name": "E", "distributor_ref": "d", "connection_kind": "online"
    }));
    assert_eq!((&out["labels"], &out["metadata"]), (&json!({}), &json!({})));
    let (_, out) = round_trip::<StoreProduct>(&json!({
        "id": "p", "kind": "pack", "name": "P", "slug": "p", "description": "d",
        "source_repo": "r", "version_strategy": "lts", "is_free": true
    }));
    assert_eq!(out["capabilities"], json!({}));
    assert_eq!(out["metadata"], json!({}));
    assert!(
        out.get("tags").is_none(),
        "lists are omitted when empty: {out}"
    );
    let (_, out) = round_trip::<BundleSpec>(&json!({
        "bundle_id": "b", "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "environment_ref": "e", "desired_state_version": 1
    }));
    assert_eq!(out["additional_metadata"], json!({}));
    assert!(out.get("artifact_refs").is_none() && out.get("metadata_refs").is_none());
    let (entry, out) = round_trip::<greentic_types::DesiredSubscriptionEntry>(
        &json!({"selector": {"component": "c"}, "version_strategy": "latest"}),
    );
    assert!(entry.config_overrides.is_empty() && entry.policy_tags.is_empty());
    assert_eq!(
        out,
        json!({"selector": {"component": "c"}, "version_strategy": "latest", "config_overrides": {}, "metadata": {}})
    );
}

#[test]
fn capability_maps_are_sorted_string_lists_by_name() {
    let (product, out) = round_trip::<StoreProduct>(&fixture("store-product.json"));
    let caps: &greentic_types::CapabilityMap = &product.capabilities;
    assert_eq!(caps.keys().collect::<Vec<_>>(), ["http", "secrets"]);
    assert_eq!(caps["secrets"], ["OPENAI_KEY", "SLACK_TOKEN"]);
    let text = serde_json::to_string(&product).unwrap();
    assert!(
        text.contains(
            r#""capabilities":{"http":["outbound"],"secrets":["OPENAI_KEY","SLACK_TOKEN"]}"#
        ),
        "{text}"
    );
    assert_eq!(
        out["capabilities"],
        fixture("store-product.json")["capabilities"]
    );
    assert!(read::<StoreProduct>(json!({
        "id": "p", "kind": "pack", "name": "P", "slug": "p", "description": "d",
        "source_repo": "r", "version_strategy": "lts", "is_free": true, "capabilities": {"http": "outbound"}
    }))
    .is_err());
}

#[test]
fn snake_enums_read_and_write_snake_case_names_and_reject_other_spellings() {
    fn names<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
        cases: &[(T, Value)],
        rejected: &[Value],
    ) {
        for (value, wire) in cases {
            assert_eq!(&serde_json::to_value(value).unwrap(), wire);
            assert_eq!(&read::<T>(wire.clone()).unwrap(), value);
        }
        for bad in rejected {
            let err = read::<T>(bad.clone()).unwrap_err();
            assert!(err.contains("unknown variant"), "{bad}: {err}");
        }
    }
    names(
        &[
            (LayoutSectionKind::Hero, json!("hero")),
            (
                LayoutSectionKind::FeaturedCollection,
                json!("featured_collection"),
            ),
            (LayoutSectionKind::Grid, json!("grid")),
            (LayoutSectionKind::Cta, json!("cta")),
            (
                LayoutSectionKind::Custom("banner".into()),
                json!({"custom": "banner"}),
            ),
        ],
        &[
            json!("Hero"),
            json!("featuredCollection"),
            json!({"Custom": "x"}),
        ],
    );
    names(
        &[
            (StoreProductKind::Component, json!("component")),
            (StoreProductKind::Flow, json!("flow")),
            (StoreProductKind::Pack, json!("pack")),
        ],
        &[json!("Pack"), json!("bundle")],
    );
    names(
        &[
            (SubscriptionStatus::Draft, json!("draft")),
            (SubscriptionStatus::Active, json!("active")),
            (SubscriptionStatus::Paused, json!("paused")),
            (SubscriptionStatus::Cancelled, json!("cancelled")),
            (SubscriptionStatus::Error, json!("error")),
        ],
        &[json!("Active"), json!("canceled")],
    );
    names(
        &[
            (ConnectionKind::Online, json!("online")),
            (ConnectionKind::Offline, json!("offline")),
        ],
        &[json!("Online")],
    );
    names(
        &[
            (RolloutState::Pending, json!("pending")),
            (RolloutState::Planning, json!("planning")),
            (RolloutState::InProgress, json!("in_progress")),
            (RolloutState::Succeeded, json!("succeeded")),
            (RolloutState::Failed, json!("failed")),
            (RolloutState::Blocked, json!("blocked")),
        ],
        &[json!("InProgress"), json!("in-progress")],
    );
}

#[test]
fn price_models_have_four_shapes() {
    let cases = [
        (PriceModel::Free, json!("free")),
        (
            PriceModel::Flat {
                amount_micro: 9_900_000,
                period_days: 30,
            },
            json!({"flat": {"amount_micro": 9_900_000, "period_days": 30}}),
        ),
        (
            PriceModel::Metered {
                included_units: 1000,
                overage_rate_micro: 250,
                unit_label: "request".into(),
            },
            json!({"metered": {"included_units": 1000, "overage_rate_micro": 250, "unit_label": "request"}}),
        ),
        (
            PriceModel::Enterprise {
                description: "call us".into(),
            },
            json!({"enterprise": {"description": "call us"}}),
        ),
    ];
    for (value, wire) in cases {
        assert_eq!(serde_json::to_value(&value).unwrap(), wire);
        assert_eq!(read::<PriceModel>(wire).unwrap(), value);
    }
    // The extremes of each amount's type are valid amounts.
    let max = json!({"flat": {"amount_micro": u64::MAX, "period_days": u16::MAX}});
    assert_eq!(
        read::<PriceModel>(max).unwrap(),
        PriceModel::Flat {
            amount_micro: u64::MAX,
            period_days: u16::MAX
        }
    );
}

#[test]
fn a_price_model_with_two_shapes_at_once_is_an_error_naming_both() {
    for (doc, first, second) in [
        (
            r#"{"flat": {"amount_micro": 1, "period_days": 30}, "metered": {"included_units": 1, "overage_rate_micro": 1, "unit_label": "u"}}"#,
            "flat",
            "metered",
        ),
        (
            r#"{"free": null, "enterprise": {"description": "x"}}"#,
            "free",
            "enterprise",
        ),
    ] {
        let expected =
            format!("a price model has exactly one shape, found `{first}` and `{second}`");
        let from_text = serde_json::from_str::<PriceModel>(doc)
            .unwrap_err()
            .to_string();
        assert!(from_text.contains(&expected), "{doc}: {from_text}");
        // Read from a value, the keys come sorted; the rule is the same.
        let value: Value = serde_json::from_str(doc).unwrap();
        let from_value = serde_json::from_value::<PriceModel>(value)
            .unwrap_err()
            .to_string();
        assert!(
            from_value.contains("a price model has exactly one shape"),
            "{from_value}"
        );
    }
}

#[test]
fn price_model_shapes_are_objects_with_known_names() {
    for (doc, expected) in [
        (
            json!({"flat": [1, 30]}),
            "invalid type: sequence, expected an object",
        ),
        (
            json!({"Flat": {"amount_micro": 1, "period_days": 30}}),
            "unknown variant `Flat`",
        ),
        (json!("Free"), "unknown variant `Free`"),
        (json!("flat"), "`flat` needs its fields"),
        (json!({}), "an empty object is not a price model"),
        (
            json!({"flat": {"amount_micro": 1}}),
            "missing field `period_days`",
        ),
        (json!(7), "expected a price model"),
    ] {
        let err = read::<PriceModel>(doc.clone()).unwrap_err();
        assert!(err.contains(expected), "{doc}: {err}");
    }
    // `{"free": null}` reads as free, as serde's derived enums read it.
    assert_eq!(
        read::<PriceModel>(json!({"free": null})),
        Ok(PriceModel::Free)
    );
}

#[test]
fn price_amounts_out_of_range_are_errors() {
    for (doc, expected) in [
        (
            json!({"flat": {"amount_micro": -1, "period_days": 30}}),
            "-1",
        ),
        (
            json!({"flat": {"amount_micro": 1, "period_days": 65536}}),
            "65536",
        ),
        (
            json!({"flat": {"amount_micro": 1.5, "period_days": 30}}),
            "1.5",
        ),
        (
            json!({"metered": {"included_units": 1, "overage_rate_micro": 18_446_744_073_709_551_616.0_f64, "unit_label": "u"}}),
            "expected u64",
        ),
    ] {
        let err = read::<PriceModel>(doc.clone()).unwrap_err();
        assert!(err.contains(expected), "{doc}: {err}");
    }
}

#[test]
fn plan_limits_default_to_none_and_empty_metadata_when_missing() {
    let (plan, out) = round_trip::<StorePlan>(&json!({
        "id": "free", "name": "Free", "description": "d", "price_model": "free"
    }));
    assert_eq!(plan.limits, PlanLimits::default());
    assert_eq!(
        (
            plan.limits.max_environments,
            plan.limits.max_subscriptions,
            plan.limits.monthly_units_included
        ),
        (None, None, None)
    );
    assert_eq!(out["limits"], json!({"metadata": {}}));
    let (plan, _) = round_trip::<StorePlan>(&fixture("store-plan.json"));
    assert_eq!(plan.limits.max_environments, Some(2));
    assert!(read::<PlanLimits>(json!({"max_environments": 4_294_967_296_u64})).is_err());
}

#[test]
fn subscriptions_name_their_context_tenant_ctx() {
    let (sub, out) = round_trip::<Subscription>(&fixture("subscription.json"));
    assert_eq!(sub.tenant_ctx.tenant_id, "acme");
    assert_eq!(sub.status, SubscriptionStatus::Active);
    assert!(out.get("tenant_ctx").is_some() && out.get("tenant").is_none());
    let mut renamed = fixture("subscription.json");
    let ctx = renamed
        .as_object_mut()
        .unwrap()
        .remove("tenant_ctx")
        .unwrap();
    renamed["tenant"] = ctx;
    let err = read::<Subscription>(renamed).unwrap_err();
    assert!(err.contains("missing field `tenant_ctx`"), "{err}");
}

#[test]
fn pack_or_component_refs_hold_a_component_or_a_pack_id() {
    let cases = [
        (
            PackOrComponentRef::Component(ComponentRef::new("acme.chat").unwrap()),
            json!({"component": "acme.chat"}),
        ),
        (
            PackOrComponentRef::Pack(PackId::new("acme.shop").unwrap()),
            json!({"pack": "acme.shop"}),
        ),
    ];
    for (value, wire) in cases {
        assert_eq!(serde_json::to_value(&value).unwrap(), wire);
        assert_eq!(read::<PackOrComponentRef>(wire).unwrap(), value);
    }
    let err = read::<PackOrComponentRef>(json!({"pack": "acme shop"})).unwrap_err();
    assert!(err.contains("PackId must contain only"), "{err}");
    assert!(read::<PackOrComponentRef>(json!({"Pack": "acme.shop"})).is_err());
}

#[test]
fn artifact_selectors_hold_a_component_or_a_pack_ref_object() {
    let mut pack = PackRef::new(
        "oci://ghcr.io/acme/shop",
        semver::Version::new(1, 2, 0),
        "sha256:ab12",
    );
    pack.signatures.push(Signature::new(
        "k1",
        SignatureAlgorithm::Ed25519,
        vec![1, 2, 255],
    ));
    let selector = ArtifactSelector::Pack(pack);
    let wire = json!({"pack": {
        "oci_url": "oci://ghcr.io/acme/shop", "version": "1.2.0", "digest": "sha256:ab12",
        "signatures": [{"key_id": "k1", "algorithm": "ed25519", "signature": [1, 2, 255]}]
    }});
    assert_eq!(serde_json::to_value(&selector).unwrap(), wire);
    assert_eq!(read::<ArtifactSelector>(wire).unwrap(), selector);
    let component = ArtifactSelector::Component(ComponentRef::new("acme.chat").unwrap());
    assert_eq!(
        serde_json::to_value(&component).unwrap(),
        json!({"component": "acme.chat"})
    );
    // A pack selector is an object, not a pack id (that is PackOrComponentRef).
    assert!(read::<ArtifactSelector>(json!({"pack": "acme.shop"})).is_err());
}

#[test]
fn desired_state_export_flags_default_to_false_and_are_always_written() {
    let (spec, out) = round_trip::<DesiredStateExportSpec>(&json!({
        "tenant": {"env": "prod", "tenant": "acme", "tenant_id": "acme", "attempt": 0},
        "environment_ref": "eu-1", "desired_state_version": 3
    }));
    assert!(!spec.include_artifacts && !spec.include_metadata);
    assert_eq!(
        (&out["include_artifacts"], &out["include_metadata"]),
        (&json!(false), &json!(false))
    );
    let (spec, _) = round_trip::<DesiredStateExportSpec>(&fixture("desired-state-export.json"));
    assert!(spec.include_artifacts && !spec.include_metadata);
}

#[test]
fn environment_new_takes_0_4_13_argument_order_and_starts_empty() {
    let env = Environment::new(
        EnvironmentRef::new("eu-1").unwrap(),
        tenant(),
        DistributorRef::new("dist-1").unwrap(),
        ConnectionKind::Offline,
        "Europe",
    );
    assert_eq!(env.id, "eu-1");
    assert_eq!(env.name, "Europe");
    assert_eq!(env.distributor_ref, "dist-1");
    assert_eq!(env.connection_kind, ConnectionKind::Offline);
    assert_eq!(env.tenant, tenant());
    assert!(env.labels.is_empty() && env.metadata.is_empty());
    let wire = serde_json::to_value(&env).unwrap();
    assert_eq!(wire["labels"], json!({}));
    assert_eq!(read::<Environment>(wire).unwrap(), env);
}

#[test]
fn rollout_status_and_desired_state_fixtures_read_their_fields() {
    let (status, _) = round_trip::<RolloutStatus>(&fixture("rollout-status.json"));
    assert_eq!(status.state, RolloutState::InProgress);
    assert_eq!(status.desired_state_version, Some(7));
    let (state, _) = round_trip::<DesiredState>(&fixture("desired-state.json"));
    assert_eq!(state.version, 7);
    assert_eq!(state.entries[0].version_strategy, VersionStrategy::Latest);
    assert_eq!(state.entries[0].config_overrides["replicas"], json!(2));
    assert!(
        matches!(&state.entries[1].selector, ArtifactSelector::Pack(p) if p.version == semver::Version::new(1, 2, 0))
    );
    assert_eq!(
        state.entries[2].version_strategy,
        VersionStrategy::Fixed {
            version: "2.0.1".into()
        }
    );
}

#[test]
fn collections_and_overrides_keep_optional_fields_optional() {
    let (c, out) = round_trip::<Collection>(&json!({
        "id": "c", "storefront_id": "s", "title": "T", "sort_order": 2
    }));
    assert_eq!((c.slug, c.description), (None, None));
    assert_eq!(
        out,
        json!({"id": "c", "storefront_id": "s", "title": "T", "sort_order": 2, "metadata": {}})
    );
    let (o, out) = round_trip::<ProductOverride>(&json!({"storefront_id": "s", "product_id": "p"}));
    assert!(o.badges.is_empty() && o.display_name.is_none());
    assert_eq!(
        out,
        json!({"storefront_id": "s", "product_id": "p", "metadata": {}})
    );
    let err =
        read::<Collection>(json!({"id": "c", "storefront_id": "s", "title": "T"})).unwrap_err();
    assert!(err.contains("missing field `sort_order`"), "{err}");
}

/// Every variant with the text 0.4.13 writes for it (API.md §11).
fn version_strategies() -> Vec<(VersionStrategy, &'static str)> {
    vec![
        (VersionStrategy::Latest, r#""latest""#),
        (VersionStrategy::Lts, r#""lts""#),
        (
            VersionStrategy::Custom("nightly".into()),
            r#"{"custom":"nightly"}"#,
        ),
        (
            VersionStrategy::Pinned {
                requirement: SemverReq::new("^1.2").unwrap(),
            },
            r#"{"pinned":{"requirement":"^1.2"}}"#,
        ),
        (
            VersionStrategy::Fixed {
                version: "1.2.3".into(),
            },
            r#"{"kind":"fixed","version":"1.2.3"}"#,
        ),
        (
            VersionStrategy::Range {
                range: ">=1.0, <2".into(),
            },
            r#"{"kind":"range","range":">=1.0, <2"}"#,
        ),
        (
            VersionStrategy::Channel {
                channel: "beta".into(),
            },
            r#"{"kind":"channel","channel":"beta"}"#,
        ),
        (
            VersionStrategy::CustomTagged {
                value: "canary".into(),
            },
            r#"{"kind":"custom","value":"canary"}"#,
        ),
    ]
}

#[test]
fn version_strategy_writes_and_reads_all_eight_variants_in_0_4_13_forms() {
    let cases = version_strategies();
    assert_eq!(cases.len(), 8);
    for (value, text) in cases {
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            text,
            "byte for byte"
        );
        assert_eq!(
            serde_json::from_str::<VersionStrategy>(text).unwrap(),
            value
        );
        let wire: Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_value(&value).unwrap(), wire);
        assert_eq!(
            serde_json::from_value::<VersionStrategy>(wire).unwrap(),
            value
        );
    }
}

#[test]
fn version_strategy_reads_the_kind_tagged_form_before_the_legacy_one() {
    let cases = [
        (json!({"kind": "latest"}), VersionStrategy::Latest),
        (
            json!({"kind": "custom", "value": "x"}),
            VersionStrategy::CustomTagged { value: "x".into() },
        ),
        (json!({"custom": "x"}), VersionStrategy::Custom("x".into())),
        // Tagged objects ignore unknown keys, as serde does.
        (
            json!({"version": "2", "kind": "fixed", "note": 1}),
            VersionStrategy::Fixed {
                version: "2".into(),
            },
        ),
        (
            json!({"kind": "custom", "value": "t", "custom": "legacy"}),
            VersionStrategy::CustomTagged { value: "t".into() },
        ),
        (
            json!({"pinned": {"requirement": ">= 1.0 , < 2"}}),
            VersionStrategy::Pinned {
                requirement: SemverReq::new(">= 1.0 , < 2").unwrap(),
            },
        ),
    ];
    for (wire, value) in cases {
        assert_eq!(read::<VersionStrategy>(wire.clone()), Ok(value), "{wire}");
    }
    // The requirement is kept exactly as written.
    let pinned: VersionStrategy =
        serde_json::from_str(r#"{"pinned": {"requirement": ">= 1.0 , < 2"}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&pinned).unwrap(),
        r#"{"pinned":{"requirement":">= 1.0 , < 2"}}"#
    );
}

#[test]
fn version_strategy_reads_unit_variants_as_one_key_objects_like_0_4_13s_derive() {
    assert_eq!(
        serde_json::from_value::<VersionStrategy>(json!({"latest": null})).unwrap(),
        VersionStrategy::Latest
    );
    assert_eq!(
        serde_json::from_value::<VersionStrategy>(json!({"lts": null})).unwrap(),
        VersionStrategy::Lts
    );
    // Written back in the canonical string form.
    assert_eq!(
        serde_json::to_value(VersionStrategy::Lts).unwrap(),
        json!("lts")
    );
}

#[test]
fn version_strategy_rejects_what_0_4_13_rejects_with_the_reason() {
    let cases = [
        (json!({"kind": "lts"}), "/kind: unknown variant `lts`"),
        (json!("fixed"), "unknown variant `fixed`"),
        (json!({"kind": "fixed"}), "missing field `version`"),
        (
            json!({"kind": "range", "range": 5}),
            "/range: invalid type: integer `5`",
        ),
        (json!({"kind": 1}), "/kind: invalid type: integer `1`"),
        (json!({}), "an empty object is not a version strategy"),
        (
            json!({"custom": "x", "pinned": {"requirement": "^1"}}),
            "exactly one key",
        ),
        (
            json!({"pinned": {"requirement": "not semver"}}),
            "/pinned/requirement: SemverReq must be a SemVer version requirement",
        ),
        (
            json!({"pinned": {}}),
            "/pinned: missing field `requirement`",
        ),
        (json!({"pinned": "^1"}), "/pinned: invalid type: string"),
        (json!({"custom": 1}), "/custom: invalid type: integer `1`"),
        (json!({"lts": 1}), "unknown variant `lts`"),
        (
            json!(5),
            "invalid type: integer `5`, expected a version strategy",
        ),
        (json!(null), "invalid type: null"),
    ];
    for (wire, expected) in cases {
        let err = read::<VersionStrategy>(wire.clone()).unwrap_err();
        assert!(err.contains(expected), "{wire}: {err}");
    }
    let err = serde_json::from_str::<VersionStrategy>(
        r#"{"kind": "fixed", "kind": "range", "range": "1"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("duplicate field `kind`"), "{err}");
}

#[test]
fn version_strategy_rejects_the_pascal_case_forms_of_0_4_13s_schema() {
    // 0.4.13's published schema shows these; neither its code nor ours reads them.
    for wire in [
        json!("Latest"),
        json!("Lts"),
        json!({"Pinned": {"requirement": "^1.2"}}),
        json!({"Custom": "x"}),
        json!({"Fixed": {"version": "1.0.0"}}),
        json!({"Range": {"range": "^1"}}),
        json!({"Channel": {"channel": "beta"}}),
        json!({"CustomTagged": {"value": "x"}}),
    ] {
        let err = read::<VersionStrategy>(wire.clone()).unwrap_err();
        assert!(err.contains("unknown variant"), "{wire}: {err}");
    }
}

#[cfg(feature = "cli")]
#[test]
fn store_documents_are_read_from_yaml_too() {
    let product: StoreProduct = serde_norway::from_str(
        "id: p\nkind: flow\nname: P\nslug: p\ndescription: d\nsource_repo: r\nis_free: true\nversion_strategy:\n  kind: channel\n  channel: stable\n",
    )
    .unwrap();
    assert_eq!(
        product.version_strategy,
        VersionStrategy::Channel {
            channel: "stable".into()
        }
    );
    // Price models in YAML's tagged enum form, as serde_norway writes enums.
    let plan: StorePlan = serde_norway::from_str(
        "id: p\nname: P\ndescription: d\nprice_model: !flat\n  amount_micro: 5\n  period_days: 7\n",
    )
    .unwrap();
    assert_eq!(
        plan.price_model,
        PriceModel::Flat {
            amount_micro: 5,
            period_days: 7
        }
    );
    let text = serde_norway::to_string(&plan.price_model).unwrap();
    assert_eq!(
        serde_norway::from_str::<PriceModel>(&text).unwrap(),
        plan.price_model
    );
    let free: PriceModel = serde_norway::from_str("free").unwrap();
    assert_eq!(free, PriceModel::Free);
    let legacy: VersionStrategy = serde_norway::from_str("pinned:\n  requirement: ^1.2\n").unwrap();
    assert_eq!(
        legacy,
        VersionStrategy::Pinned {
            requirement: SemverReq::new("^1.2").unwrap()
        }
    );
}

#[test]
fn version_strategies_are_distinct_under_eq_and_hash() {
    let mut by_kind: BTreeMap<String, VersionStrategy> = BTreeMap::new();
    for (value, text) in version_strategies() {
        by_kind.insert(text.to_owned(), value);
    }
    let set: std::collections::HashSet<VersionStrategy> = by_kind.values().cloned().collect();
    assert_eq!(set.len(), 8, "every variant is distinct under Eq + Hash");
}
