//! Titles in Simplified Chinese, worded as Chinese titles are ("黄昏的港口", "构成第四号",
//! "斜倚的人像"), from the same choices as the English ones. Names and places come
//! transliterated, numbers that English writes in Roman numerals in Chinese ones.

use super::super::super::paint::Style;
use super::super::super::sculpt::SculptureKind;
use super::super::names::chinese;
use super::Choices;

/// A painting's title; `a` and `b` are its key colours.
pub(super) fn painting(style: Style, choices: &Choices, a: &str, b: &str) -> String {
    let (number, place, sitter) = (choices.number, choices.place, choices.sitter);
    match (style, choices.form) {
        (Style::ColourField, 0) => format!("无题（{b}上的{a}）"),
        (Style::ColourField, 1) => format!("第{number}号（{a}、{b}）"),
        (Style::ColourField, _) => format!("{a}与{b}"),
        (Style::Grid, 0) => format!("构成第{}号", chinese(number)),
        (Style::Grid, 1) => format!("{a}与{b}的构成"),
        (Style::Grid, _) => format!("画面第{}号", chinese(number)),
        (Style::Circles, 0) => "色彩研究：正方形与同心圆".into(),
        (Style::Circles, 1) => format!("{a}中的圆"),
        (Style::Circles, _) => format!("几个圆之{}", chinese(number)),
        (Style::Landscape, 0) => format!("{place}附近的山丘"),
        (Style::Landscape, 1) => format!("{place}山谷"),
        (Style::Landscape, _) => format!("{place}风景"),
        (Style::Seascape, 0) => format!("{place}的海"),
        (Style::Seascape, 1) => format!("平静的海，{place}"),
        (Style::Seascape, _) => format!("地平线（{a}）"),
        (Style::StillLife, 0) => format!("水果静物第{number}号"),
        (Style::StillLife, 1) => "有碗的静物".into(),
        (Style::StillLife, _) => format!("桌上小品（{a}）"),
        (Style::FlowField, 0) => format!("涌流第{number}号"),
        (Style::FlowField, 1) => format!("场线（{b}）"),
        (Style::FlowField, _) => format!("漂移，{place}"),
        (Style::Silhouette, 0) => format!("{sitter}肖像"),
        (Style::Silhouette, 1) => format!("{sitter}的剪影"),
        (Style::Silhouette, _) => "模特侧影".into(),
        (Style::StarPattern, 0) => format!("星形图案（{a}与{b}）"),
        (Style::StarPattern, 1) => format!("吉里赫纹样研究第{number}号"),
        (Style::StarPattern, _) => format!("来自{place}的花砖嵌板"),
        (Style::Pointillist, 0) => format!("{place}河上的午后"),
        (Style::Pointillist, 1) => format!("河岸，{place}"),
        (Style::Pointillist, _) => "水边的星期天".into(),
    }
}

/// A sculpture's title.
pub(super) fn sculpture(kind: SculptureKind, choices: &Choices) -> String {
    let (number, place) = (choices.number, choices.place);
    match (kind, choices.form) {
        (SculptureKind::Vase, 0) => format!("器皿第{number}号"),
        (SculptureKind::Vase, 1) => format!("瓮，{place}"),
        (SculptureKind::Vase, _) => format!("旋制形体第{number}号"),
        (SculptureKind::TwistedColumn, 0) => "扭柱".into(),
        (SculptureKind::TwistedColumn, 1) => format!("为{place}而作的柱"),
        (SculptureKind::TwistedColumn, _) => format!("螺旋柱第{number}号"),
        (SculptureKind::TorusKnot, 0) => "无尽之结".into(),
        (SculptureKind::TorusKnot, 1) => format!("绳结第{number}号"),
        (SculptureKind::TorusKnot, _) => "打结的形体".into(),
        (SculptureKind::EndlessColumn, 0) => "没有尽头的柱".into(),
        (SculptureKind::EndlessColumn, 1) => format!("无尽之柱，习作第{number}号"),
        (SculptureKind::EndlessColumn, _) => format!("上升之柱（{place}）"),
        (SculptureKind::Concretion, 0) => "人形凝结体".into(),
        (SculptureKind::Concretion, 1) => format!("凝结体第{number}号"),
        (SculptureKind::Concretion, _) => "种子形体".into(),
        (SculptureKind::PiercedForm, 0) => "穿孔形体".into(),
        (SculptureKind::PiercedForm, 1) => "带孔的椭圆".into(),
        (SculptureKind::PiercedForm, _) => format!("单一形体（{place}）"),
        (SculptureKind::Crystal, 0) => "晶簇".into(),
        (SculptureKind::Crystal, 1) => format!("晶洞第{number}号"),
        (SculptureKind::Crystal, _) => format!("生长，{place}"),
        (SculptureKind::Mobius, 0) => "莫比乌斯带".into(),
        (SculptureKind::Mobius, 1) => "单侧曲面".into(),
        (SculptureKind::Mobius, _) => format!("连续性第{number}号"),
        (SculptureKind::RecliningFigure, 0) => "斜倚的人像".into(),
        (SculptureKind::RecliningFigure, 1) => format!("斜倚的人像第{number}号"),
        (SculptureKind::RecliningFigure, _) => "以一肘支撑的人像".into(),
    }
}
