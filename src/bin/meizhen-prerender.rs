//! The county page's first view, rendered to HTML at build time (scripts/postbuild.py writes it
//! into index.html), so that the form is on screen before the wasm has arrived.

fn main() {
    print!("{}", meizhen_shenbao::ui::prerender_county());
}
