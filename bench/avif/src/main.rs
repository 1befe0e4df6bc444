//! What each encoder costs on the three widths tonvinh makes of a portrait (480, 960,
//! 1600 wide), one thread: JPEG at quality 82, WebP at quality 82 for every libwebp
//! effort, and AVIF through ravif (quality 70, speed 8: the fast end of rav1e). The
//! photo is resized first, outside the timings.
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("a jpeg");
    let img = image::open(&path).unwrap().to_rgb8();
    let sizes = [(480u32, 600u32), (960, 1200), (1600, 2000)];
    let mut totals = [0f64; 3];
    let mut bytes = [0usize; 3];
    for (w, h) in sizes {
        let small = image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle);
        let px = small.as_raw();
        let t = Instant::now();
        let mut out = Vec::new();
        let mut e = jpeg_encoder::Encoder::new(&mut out, 82);
        e.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
        e.encode(px, w as u16, h as u16, jpeg_encoder::ColorType::Rgb).unwrap();
        totals[0] += t.elapsed().as_secs_f64(); bytes[0] += out.len();
        let t = Instant::now();
        let mut c = webp::WebPConfig::new().unwrap(); c.quality = 82.0; c.method = 4;
        let m = webp::Encoder::from_rgb(px, w, h).encode_advanced(&c).unwrap();
        totals[1] += t.elapsed().as_secs_f64(); bytes[1] += m.len();
        let t = Instant::now();
        let rgb: Vec<ravif::RGB8> = px.chunks(3).map(|p| ravif::RGB8::new(p[0], p[1], p[2])).collect();
        let enc = ravif::Encoder::new().with_quality(70.0).with_speed(8).with_num_threads(Some(1));
        let r = enc.encode_rgb(ravif::Img::new(&rgb[..], w as usize, h as usize)).unwrap();
        totals[2] += t.elapsed().as_secs_f64(); bytes[2] += r.avif_file.len();
    }
    // libwebp's effort, 0..6, on the same three sizes.
    for method in 0..=6 {
        let (mut t_all, mut b_all) = (0f64, 0usize);
        for (w, h) in sizes {
            let small = image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle);
            let t = Instant::now();
            let mut c = webp::WebPConfig::new().unwrap(); c.quality = 82.0; c.method = method;
            let m = webp::Encoder::from_rgb(small.as_raw(), w, h).encode_advanced(&c).unwrap();
            t_all += t.elapsed().as_secs_f64(); b_all += m.len();
        }
        println!("  webp q82 method {method}: {:7.0} ms  {:7} bytes", t_all * 1000.0, b_all);
    }
    println!("3 widths (480, 960, 1600) of {path}, one thread:");
    for (i, name) in ["jpeg q82", "webp q82 m4", "avif q70 speed 8"].iter().enumerate() {
        println!("  {name:>18}: {:7.0} ms  {:7} bytes", totals[i] * 1000.0, bytes[i]);
    }
}
