import Descent

/// The data file made ready to train on (issue 12): columns chosen and encoded, missing values
/// handled, rows split and scaled as the table flags say, each decision taken for the user noted.
extension Train {
    func preparedData(_ table: consuming DataTable, task: LearningTask?, settings: TrainingSettings) throws -> PreparedData {
        let options = tableFlags.options(target: dataOptions.target, task: task, trainFraction: settings.trainFraction, seed: settings.seed)
        let prepared = try PreparedTable(consume table, options: options)  // its only reference: the rows are held once
        for notice in prepared.notices { note("notice: " + notice) }
        return prepared.prepared
    }
}
