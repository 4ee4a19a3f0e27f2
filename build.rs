// The default site (content, theme, site.yaml) is embedded in the binary for `init` and for
// sites without a theme folder; rebuild when any of it changes.
fn main() {
    for path in ["content", "themes", "site.yaml", "src/scaffold"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
