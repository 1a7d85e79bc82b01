greentic_types::greentic_model! {
    /// A page of items.
    pub struct Page<T> where T: Clone {
        /// The items.
        pub items: Vec<T>,
    }
}

fn main() {}
