//! Base libraries compiled into the crate, so that every interface (the browser too) has them.

/// A bundled base library: its name and its TOML text.
pub struct BundledBase {
    pub name: &'static str,
    pub description: &'static str,
    pub text: &'static str,
}

/// Every bundled base, by name.
pub const BUNDLED: &[BundledBase] = &[BundledBase {
    name: "se-2024",
    description: "Sweden, 2024 prices: municipality, employment service, social insurance, region, state, individual; nine outcome states",
    text: include_str!("../../models/bases/se-2024.toml"),
}];

/// The text of a bundled base.
pub fn bundled(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|b| b.name == name).map(|b| b.text)
}

/// Names of the bundled bases.
pub fn names() -> Vec<&'static str> {
    BUNDLED.iter().map(|b| b.name).collect()
}
