//! Resolution of a page's `attachments`: each a document of the page's bundle, of a
//! type tonvinh publishes (the attachment stage cleans and publishes it).

use super::doc::DocContext;
use super::*;
use crate::content::front::AttachmentFront;
use crate::domain::DocumentKind;

impl DocContext<'_> {
    /// The documents of `attachments = [...]` that can be published.
    pub(super) fn attachments(
        &mut self,
        doc: &Document,
        items: &[AttachmentFront],
    ) -> Vec<Attachment> {
        let lang = self.lang();
        let mut out: Vec<Attachment> = Vec::new();
        for item in items {
            let name = item.file.get_ref().trim();
            if DocumentKind::from_name(name).is_none() {
                self.r.problems.push(
                    Diagnostic::error(
                        "attachment-type",
                        self.rel,
                        format!(
                            "{} `{name}`",
                            lang.pick(
                                "tệp đính kèm không thuộc loại được đăng:",
                                "not a kind of file that is published as an attachment:"
                            )
                        ),
                    )
                    .with_help(lang.pick(
                        "đính kèm tệp PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) hoặc OpenDocument (.odt, .ods); ảnh thì dùng photo hoặc gallery",
                        "attach a PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) or OpenDocument (.odt, .ods) file; photos go in photo or gallery",
                    ))
                    .at(self.src, self.front(item.file.span())),
                );
                continue;
            }
            let Some(file) = self.bundle_file(doc, &item.file, "attachments") else {
                continue;
            };
            if out.iter().any(|a| a.file == file) {
                continue;
            }
            out.push(Attachment {
                name: name.to_string(),
                title: nfc(item.title.trim()).into_owned(),
                place: self.place(&item.file),
                file,
            });
        }
        out
    }
}
