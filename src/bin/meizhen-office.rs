//! The office-file worker (a Web Worker of both pages): writes Word and Excel files apart from
//! the page, so that neither page's module carries the writers; natively, a pointer to what it is.

#[cfg(all(target_arch = "wasm32", feature = "web"))]
fn main() {
    meizhen_shenbao::browser::office::serve();
}

#[cfg(not(all(target_arch = "wasm32", feature = "web")))]
fn main() {
    eprintln!("这是申报页面在浏览器后台生成 Word、Excel 文件的程序，不单独运行。");
    std::process::exit(2);
}
