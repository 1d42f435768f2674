//! What works are made of, as the medium line of a label says it in English and in
//! Chinese (the way Chinese museums write it: support first, "布面油画"), and how large
//! each style's works are.

use super::super::paint::Style;
use super::super::sculpt::Finish;

/// A medium line: `(English, Chinese)`.
pub(super) type Medium = (&'static str, &'static str);

/// Media a style is made in.
pub(super) fn media(style: Style) -> &'static [Medium] {
    const OIL: Medium = ("Oil on canvas", "布面油画");
    match style {
        Style::ColourField => &[OIL, ("Oil and acrylic on canvas", "布面油彩、丙烯")],
        Style::Grid => &[OIL],
        Style::Circles => &[OIL, ("Tempera on canvas", "布面蛋彩")],
        Style::Landscape | Style::Seascape | Style::Pointillist => &[OIL],
        Style::StillLife => &[OIL, ("Oil on canvas, relined", "布面油画，经重新托衬")],
        Style::FlowField => &[
            ("Pen plotter drawing, ink on paper", "纸本墨水，绘图仪绘制"),
            ("Archival pigment print on cotton paper", "棉质纸本收藏级颜料微喷"),
        ],
        Style::Silhouette => &[
            ("Cut paper and watercolour on card", "卡纸本剪纸、水彩"),
            ("Gouache and cut paper on card", "卡纸本水粉、剪纸"),
        ],
        Style::StarPattern => &[
            ("Screenprint on paper", "纸本丝网版画"),
            ("Gouache on paper", "纸本水粉"),
        ],
    }
}

/// The medium line of a label for a finish.
pub(super) fn finish_medium(finish: Finish) -> Medium {
    match finish {
        Finish::Bronze => (
            "Bronze, lost-wax cast, patinated and waxed",
            "青铜，失蜡法铸造，着色并上蜡",
        ),
        Finish::Marble => ("White marble, honed", "白色大理石，亚光打磨"),
        Finish::PatinatedCopper => ("Copper with verdigris patina", "铜，覆铜绿锈层"),
        Finish::PolishedSteel => ("Stainless steel, mirror polished", "不锈钢，镜面抛光"),
        Finish::Terracotta => ("Terracotta, burnished", "赤陶，磨光"),
        Finish::Granite => ("Black granite, polished", "黑色花岗岩，抛光"),
        Finish::Gilded => ("Bronze, gilded with gold leaf", "青铜，贴金箔"),
    }
}

/// The range of the longer side of a style's works, in centimetres.
pub(super) fn long_side(style: Style) -> (f32, f32) {
    match style {
        Style::ColourField => (150.0, 260.0),
        Style::Grid => (45.0, 110.0),
        Style::Circles => (30.0, 60.0),
        Style::Landscape => (50.0, 120.0),
        Style::Seascape => (40.0, 100.0),
        Style::StillLife => (40.0, 90.0),
        Style::FlowField => (30.0, 76.0),
        Style::Silhouette => (15.0, 30.0),
        Style::StarPattern => (40.0, 90.0),
        Style::Pointillist => (60.0, 200.0),
    }
}
