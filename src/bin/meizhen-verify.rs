//! The city office's page (verify.html): in the browser, verify signed files, the known keys and
//! the 汇总表; natively, a pointer to how to run it (or to the `meizhen` command).

#[cfg(all(target_arch = "wasm32", any(feature = "csr", feature = "hydrate")))]
fn main() {
    meizhen_shenbao::ui::start_city();
}

#[cfg(not(all(target_arch = "wasm32", any(feature = "csr", feature = "hydrate"))))]
fn main() {
    eprintln!(
        "核验页面是浏览器应用：请运行 `make serve`，然后在浏览器中打开 http://127.0.0.1:8080/verify.html；在命令行核验请用 `meizhen verify`"
    );
    std::process::exit(2);
}
