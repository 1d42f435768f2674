//! Label texts in Simplified Chinese: the same sentences as the English ones, filled
//! with the same colours, material, maker and seed, written as Chinese prose.

use super::super::paint::Style;
use super::super::sculpt::SculptureKind;

/// What a painting's first sentence says, with its two key colours.
pub(super) fn painting_subject(style: Style, a: &str, b: &str) -> String {
    match style {
        Style::ColourField => {
            format!("{a}与{b}的柔边色域悬浮在较深的底色之上，边缘轻轻晕开，仿佛色彩在呼吸。")
        }
        Style::Grid => {
            format!("黑色线条把米白色的画面分割成若干矩形，其中几块填以{a}和{b}；构图并不对称，却分毫不差。")
        }
        Style::Circles => format!(
            "画面是由正方形组成的网格，每一格里都是对比色的同心圆环，以{a}和{b}为主调：这是一项关于色彩如何相互改变的研究。"
        ),
        Style::Landscape => format!(
            "层层山峦向{a}的地平线退去，距离越远，空气越厚，山色也一重比一重淡；上方是有阳光和云彩的天空。"
        ),
        Style::Seascape => {
            format!("低垂的太阳照亮{a}的天空，下方的大海由{b}的短促水平笔触构成，被一道反射的光路划开。")
        }
        Style::StillLife => format!(
            "水果、一只碗和一个高高的器皿摆在桌上，背后是一堵{a}的暗墙，光线从左上方照来，其间点缀着{b}。"
        ),
        Style::FlowField => format!(
            "数百条线沿着一个看不见的方向场延伸，每一条都在碰到相邻的线之前停下，于是{a}的底色上浮现出{b}的流动。"
        ),
        Style::Silhouette => {
            format!("一幅侧面的头肩像，以{a}剪成，嵌在{b}底色上的椭圆之中，仿照1800年前后流行的肖像剪影。")
        }
        Style::StarPattern => {
            format!("交织的星形在一块{a}与{b}的花砖嵌板上反复出现，以浅色的带饰勾勒轮廓，四周围以边框。")
        }
        Style::Pointillist => {
            format!("一个河畔的午后，完全由未经调和的纯色小点构成，以{a}和{b}为主，远看时由眼睛将它们混合。")
        }
    }
}

/// What a sculpture's first sentence says, with its material before the noun it makes.
pub(super) fn sculpture_subject(kind: SculptureKind, m: &str) -> String {
    match kind {
        SculptureKind::Vase => {
            format!("一件{m}器皿，轮廓连绵不断，从窄小的底足经饱满的腹部延伸到外撇的口沿。")
        }
        SculptureKind::TwistedColumn => {
            format!("一根{m}柱子，带凹槽的柱身在有线脚的柱础与外展的柱头之间扭转。")
        }
        SculptureKind::TorusKnot => {
            format!("一根{m}管子打成环面纽结，无始无终，由一根细杆托起。")
        }
        SculptureKind::EndlessColumn => {
            format!("相同的{m}菱形单元尖对尖地叠起，暗示着一根可以无尽上升的柱子。")
        }
        SculptureKind::Concretion => {
            format!("一个光滑的{m}形体鼓出柔和的圆瓣，仿佛是生长而成而非制作而成，以扁平的底面着地。")
        }
        SculptureKind::PiercedForm => {
            format!("一个粗细变化的{m}圆环侧立着；贯穿其中的孔洞与实体同样重要。")
        }
        SculptureKind::Crystal => {
            format!("带尖端的六方{m}晶体以不同的角度从一块粗糙的岩石中长出，每个面都是平的。")
        }
        SculptureKind::Mobius => {
            format!("一条厚厚的{m}带子经过几次半圈扭转后与自身相接，因此只有一个面和一条边。")
        }
        SculptureKind::RecliningFigure => {
            format!("一个{m}人像以一肘支撑斜倚着，一膝屈起，躯干与四肢融为一个连续的形体。")
        }
    }
}

/// The sentences after the first: who made the work and when (`year`, approximate when
/// `circa`), and where it came from.
pub(super) fn provenance(name: &str, year: u32, circa: bool, seed: u64) -> String {
    let when = if circa {
        format!("{year}年前后")
    } else {
        format!("{year}年")
    };
    format!(
        "这件作品由虚构的艺术家{name}创作于{when}。与整个馆藏一样，它是由 Museion 自己的代码以随机种子 {seed} 生成的。"
    )
}
