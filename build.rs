//! Compiles the LALRPOP grammar in grammar/ into OUT_DIR.

fn main() {
    println!("cargo:rerun-if-changed=grammar");
    if let Err(error) = lalrpop::Configuration::new().set_in_dir("grammar").emit_rerun_directives(true).process() {
        eprintln!("grammar/ did not compile: {error}");
        std::process::exit(1);
    }
}
