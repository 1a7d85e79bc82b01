greentic_types::id_newtype! {
    pub WidgetId, schema = "widget-id";
}

fn main() {}
