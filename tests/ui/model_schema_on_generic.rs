greentic_types::greentic_model! {
    /// A box of anything.
    #[schema = "boxed"]
    pub struct Boxed<T> {
        /// The thing.
        pub inner: T,
    }
}

fn main() {}
