//! The words of external link problems: what is wrong and how to fix it, in the
//! site's language.

use super::{FormProblem, Options, Outcome};
use crate::vietnamese::Lang;

/// Message and help for a URL of the wrong form.
pub fn form(problem: &FormProblem, url: &str, lang: Lang) -> (String, &'static str) {
    let (what, help) = match problem {
        FormProblem::Scheme(s) if s.eq_ignore_ascii_case("javascript") || s.eq_ignore_ascii_case("data") => (
            lang.pick("liên kết chạy mã, không được phép:", "a link that runs code is not allowed:"),
            lang.pick(
                "chỉ dùng liên kết http://, https://, mailto: hoặc tel:",
                "use only http://, https://, mailto: or tel: links",
            ),
        ),
        FormProblem::Scheme(_) => (
            lang.pick("liên kết dùng giao thức không được hỗ trợ:", "a link with an unsupported scheme:"),
            lang.pick(
                "chỉ dùng liên kết http://, https://, mailto: hoặc tel:; tệp trên máy tính (file:) thì đặt vào thư mục bài viết và đính kèm",
                "use only http://, https://, mailto: or tel: links; for a file on your computer (file:), put it in the page's folder and attach it",
            ),
        ),
        FormProblem::Whitespace => (
            lang.pick("liên kết có dấu cách:", "a link with spaces:"),
            lang.pick(
                "chép lại địa chỉ từ thanh địa chỉ của trình duyệt, không có dấu cách (dấu cách trong địa chỉ viết là %20)",
                "copy the address again from the browser's address bar, without spaces (a space in an address is written %20)",
            ),
        ),
        FormProblem::BadHost(_) => (
            lang.pick("liên kết có tên miền không hợp lệ:", "a link with an invalid domain:"),
            lang.pick(
                "kiểm tra phần sau https:// (ví dụ https://haiphong.edu.vn/…)",
                "check the part after https:// (e.g. https://haiphong.edu.vn/…)",
            ),
        ),
        FormProblem::Private(_) => (
            lang.pick(
                "liên kết tới địa chỉ nội bộ, bạn đọc trên Internet không mở được:",
                "a link to a private address that readers on the internet cannot open:",
            ),
            lang.pick(
                "dùng địa chỉ công khai của trang (tên miền .edu.vn…), không dùng localhost, 192.168.x.x hay 10.x.x.x",
                "use the page's public address (its domain name), not localhost, 192.168.x.x or 10.x.x.x",
            ),
        ),
        FormProblem::BadContact => (
            lang.pick("liên kết thư hoặc điện thoại sai dạng:", "a malformed e-mail or phone link:"),
            lang.pick(
                "viết mailto:ten@truong.edu.vn hoặc tel:02253842xxx (chỉ chữ số), và chỉ số điện thoại cơ quan",
                "write mailto:name@school.edu.vn or tel:02253842xxx (digits only), and only office numbers",
            ),
        ),
    };
    (format!("{what} `{url}`"), help)
}

/// Code, message and help for a fetched URL, or `None` when it is alive.
pub fn outcome(
    outcome: &Outcome,
    url: &str,
    options: &Options,
    lang: Lang,
) -> Option<(&'static str, String, &'static str)> {
    let (code, what, help) = match outcome {
        Outcome::Alive(_) => return None,
        Outcome::Dead(status) => (
            "dead-link",
            format!(
                "{} (HTTP {status})",
                lang.pick("liên kết ngoài không còn tồn tại", "the external page no longer exists")
            ),
            lang.pick(
                "mở liên kết trong trình duyệt: nếu trang đã chuyển chỗ, sửa theo địa chỉ mới; nếu đã bị gỡ, bỏ liên kết",
                "open the link in a browser: if the page has moved, use its new address; if it was removed, drop the link",
            ),
        ),
        Outcome::Failed(status) => (
            "link-error",
            format!(
                "{} (HTTP {status})",
                lang.pick("máy chủ của liên kết ngoài báo lỗi", "the external server answered with an error")
            ),
            lang.pick(
                "có thể chỉ là lỗi tạm thời: mở thử trong trình duyệt, chạy lại sau",
                "it may be a passing fault: open it in a browser, check again later",
            ),
        ),
        Outcome::NoSuchHost => (
            "link-no-host",
            lang.pick("tên miền của liên kết ngoài không tồn tại", "the external link's domain does not exist")
                .to_string(),
            lang.pick(
                "kiểm tra chính tả tên miền (ví dụ .edu.vn, .gov.vn); tên miền có thể đã hết hạn",
                "check the domain's spelling (e.g. .edu.vn, .gov.vn); the domain may have expired",
            ),
        ),
        Outcome::Timeout => (
            "link-timeout",
            format!(
                "{} {} {}",
                lang.pick("liên kết ngoài không trả lời sau", "the external link did not answer within"),
                options.timeout.as_secs(),
                lang.pick("giây", "seconds")
            ),
            lang.pick(
                "máy chủ có thể đang quá tải: chạy lại sau; nếu vẫn vậy, trang có thể đã ngừng hoạt động",
                "the server may be busy: check again later; if it stays so, the site may be gone",
            ),
        ),
        Outcome::TooManyRedirects => (
            "link-redirects",
            format!(
                "{} ({})",
                lang.pick("liên kết ngoài chuyển hướng quá nhiều lần", "the external link redirects too many times"),
                options.max_redirects
            ),
            lang.pick(
                "mở liên kết trong trình duyệt và chép địa chỉ cuối cùng hiện ra",
                "open the link in a browser and copy the address it ends at",
            ),
        ),
        Outcome::Unreachable(detail) => (
            "link-unreachable",
            format!(
                "{} ({detail})",
                lang.pick("không kết nối được tới liên kết ngoài", "cannot connect to the external link")
            ),
            lang.pick(
                "mở thử trong trình duyệt; lỗi chứng chỉ (TLS) hay từ chối kết nối thì báo cho đơn vị quản lý trang đó",
                "try it in a browser; a certificate (TLS) error or a refused connection is for that site's owner to fix",
            ),
        ),
    };
    Some((code, format!("{what}: `{url}`"), help))
}
