//! Procedural macros behind `greentic-types`.
//!
//! ```
//! // Used by the DSL, never by hand: declares `serde`/`schemars` as inert helper
//! // attributes when those derives are compiled out.
//! #[derive(greentic_types_macros::Inert)]
//! #[serde(rename_all = "snake_case")]
//! struct Quiet;
//! # let _ = Quiet;
//! ```
//!
//! This crate stays free of `syn`/`quote` so the identity core compiles fast.

use proc_macro::TokenStream;

mod expand;

/// Declares `serde` and `schemars` as helper attributes and emits nothing.
///
/// The model DSL derives this when the `serde` or `schemars` feature is off, so
/// the serde attributes written in a declaration stay legal without the derive
/// that would read them.
#[proc_macro_derive(Inert, attributes(serde, schemars))]
pub fn inert(_item: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Rewrites the markers in the DSL's expansions (see the `expand` module).
/// Used by the DSL, never by hand.
#[doc(hidden)]
#[proc_macro]
pub fn __expand(input: TokenStream) -> TokenStream {
    expand::expand(input)
}

/// `#[greentic_types::telemetry::main(service_name = "...")]` on an
/// `async fn main()`: builds the Tokio runtime, installs telemetry, runs the
/// body and flushes every span on the way out.
///
/// A `main` returning `Result<_, E>` with `E: From<TelemetryError>` returns
/// the installation error; one returning `()` or `ExitCode` reports it and runs
/// without telemetry. The choice is made by the type system, not by name.
#[cfg(feature = "telemetry")]
#[proc_macro_attribute]
pub fn telemetry_main(args: TokenStream, item: TokenStream) -> TokenStream {
    telemetry::expand(args.into(), item.into()).into()
}

#[cfg(feature = "telemetry")]
mod telemetry {
    use proc_macro2::{Span, TokenStream};
    use quote::quote;
    use syn::spanned::Spanned as _;
    use syn::{Item, Lit, LitStr};

    const USAGE: &str = "expected `#[greentic_types::telemetry::main(service_name = \"...\")]`";

    /// The expansion, or the error with a stand-in item so the error is the
    /// only one the user sees (no knock-on "`main` not found").
    pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
        let function = match syn::parse2::<Item>(item.clone()) {
            Ok(Item::Fn(function)) => function,
            Ok(other) => {
                let error = syn::Error::new(
                    other.span(),
                    "#[telemetry::main] goes on an `async fn main()`, not on this item",
                )
                .into_compile_error();
                return quote! { #error #item };
            }
            Err(e) => return e.into_compile_error(),
        };
        let sig = &function.sig;
        let ident = &sig.ident;
        let vis = &function.vis;
        let problem = if sig.asyncness.is_none() {
            Some(syn::Error::new(
                sig.fn_token.span,
                "#[telemetry::main] needs an `async fn`; add `async`",
            ))
        } else if !sig.inputs.is_empty() {
            Some(syn::Error::new(
                sig.inputs.span(),
                "#[telemetry::main] functions take no parameters",
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            let error = problem.into_compile_error();
            return quote! { #error #vis fn #ident() {} };
        }
        let (service_name, error) = match parse_args(args) {
            Ok(name) => (name, None),
            Err(e) => (
                LitStr::new("", Span::call_site()),
                Some(e.into_compile_error()),
            ),
        };
        let attrs = &function.attrs;
        let generics = &sig.generics;
        let where_clause = &sig.generics.where_clause;
        let output = &sig.output;
        let body = &function.block;
        quote! {
            #error
            #(#attrs)*
            #vis fn #ident #generics () #output #where_clause {
                ::greentic_types::telemetry::__run_main(#service_name, async move #body)
            }
        }
    }

    fn parse_args(args: TokenStream) -> syn::Result<LitStr> {
        let mut service_name: Option<LitStr> = None;
        let parser = syn::meta::parser(|meta| {
            if !meta.path.is_ident("service_name") {
                let name = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "this".into());
                return Err(meta.error(format!(
                    "unknown argument `{name}`; the only argument is `service_name = \"...\"`"
                )));
            }
            if service_name.is_some() {
                return Err(meta.error("`service_name` is given twice"));
            }
            match meta.value()?.parse::<Lit>()? {
                Lit::Str(s) => {
                    service_name = Some(s);
                    Ok(())
                }
                other => Err(syn::Error::new(
                    other.span(),
                    "`service_name` must be a string literal, e.g. `service_name = \"runner\"`",
                )),
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        service_name.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                format!("missing `service_name`; {USAGE}"),
            )
        })
    }
}
