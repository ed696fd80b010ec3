// The build must fail, and its log must show these lines of the audit report. Batch statistics over permuted copies
// of a set equal those of the set, so no comparison of the audit fails: there is no counterexample, and the verdict
// is NEEDS_ATTENTION (which fails a test) from the batch-axis check: a batch run together with other rows gives other
// outputs, and the model contains batch norm.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: NEEDS_ATTENTION',
    'Batch composition dependence',
    ~/Backend: .*, training mode/,
    'Evidence: a batch run together with another input',
    'the model contains batch normalisation',
])
