//! The county's page (index.html): in the browser, the form and everything around it; natively,
//! a pointer to how to run it.

#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
fn main() {
    meizhen_shenbao::ui::start_county();
}

#[cfg(not(all(target_arch = "wasm32", feature = "hydrate")))]
fn main() {
    eprintln!(
        "美镇申报是浏览器应用：请运行 `make serve`，然后在浏览器中打开 http://127.0.0.1:8080"
    );
    std::process::exit(2);
}
