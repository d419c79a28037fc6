//! The names of `minimize … with …` settings, their aliases, and the
//! optimization methods, shared by the resolver (which checks names before
//! anything runs) and the optimizer (which reads the values).

/// One setting of `minimize … with …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingName {
    LearningRate,
    Tolerance,
    Steps,
    Momentum,
    Method,
    Trace,
    Plot,
    Restarts,
    Batch,
    Seed,
}

/// What value a setting takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingValue {
    Number,
    /// A method name (`method = adam`).
    Method,
    /// Optional number (`trace` or `trace = 5`).
    FlagOrNumber,
    /// Optional file name (`plot` or `plot = "descent.svg"`).
    FlagOrPath,
}

/// Every accepted spelling, with the setting it names.
pub const SETTINGS: &[(&str, SettingName)] = &[
    ("α", SettingName::LearningRate),
    ("alpha", SettingName::LearningRate),
    ("η", SettingName::LearningRate),
    ("lr", SettingName::LearningRate),
    ("learning_rate", SettingName::LearningRate),
    ("tol", SettingName::Tolerance),
    ("tolerance", SettingName::Tolerance),
    ("steps", SettingName::Steps),
    ("β", SettingName::Momentum),
    ("beta", SettingName::Momentum),
    ("momentum", SettingName::Momentum),
    ("method", SettingName::Method),
    ("trace", SettingName::Trace),
    ("plot", SettingName::Plot),
    ("restarts", SettingName::Restarts),
    ("batch", SettingName::Batch),
    ("seed", SettingName::Seed),
];

/// The optimization methods, by name.
pub const METHODS: &[&str] = &["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "sgd"];

impl SettingName {
    pub fn lookup(name: &str) -> Option<SettingName> {
        SETTINGS.iter().find(|(spelling, _)| *spelling == name).map(|(_, setting)| *setting)
    }

    pub fn value(self) -> SettingValue {
        match self {
            SettingName::Method => SettingValue::Method,
            SettingName::Trace => SettingValue::FlagOrNumber,
            SettingName::Plot => SettingValue::FlagOrPath,
            _ => SettingValue::Number,
        }
    }
}
