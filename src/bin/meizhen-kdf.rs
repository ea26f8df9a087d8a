//! The key-derivation worker (a Web Worker of the county's page): derives a passphrase's key
//! (Argon2id, about a second) apart from the page, so that the page stays responsive and shows
//! its progress; natively, a pointer to what it is.

#[cfg(all(target_arch = "wasm32", feature = "web"))]
fn main() {
    meizhen_shenbao::browser::kdf::serve();
}

#[cfg(not(all(target_arch = "wasm32", feature = "web")))]
fn main() {
    eprintln!("这是申报页面在浏览器后台使用的口令计算程序，不单独运行。");
    std::process::exit(2);
}
