//! Integration tests: build small fixture sites with the real `tonvinh` binary and
//! check the pages and messages it produces. One test binary, a module per feature.

mod serving;
mod support;

mod browser;
mod build_errors;
mod build_pages;
mod check_command;
mod determinism;
mod images;
mod media;
mod media_e2e;
mod new_init;
mod privacy;
mod report;
mod search_e2e;
mod serve_command;
