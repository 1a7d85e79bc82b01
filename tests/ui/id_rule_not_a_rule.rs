greentic_types::id_newtype! {
    /// A widget.
    pub WidgetId, rule = "[a-z]+";
}

fn main() {}
