//! `museion lux`: the conservation lux report of a venue (computed by
//! [`museion::venue::lux_report`]) with the venue's environment measured on the CPU
//! ([`environment_illuminance`]), printed as a table or a JSON document ([`LuxPrint`]).

mod environment;
mod print;

pub use environment::environment_illuminance;
pub use print::LuxPrint;
