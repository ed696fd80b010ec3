// The build must fail, and its log must show these lines of the audit report. Batch statistics over permuted copies
// of a set equal those of the set, so no comparison of the audit fails: there is no counterexample, and the verdict
// is NEEDS_ATTENTION (which fails a test) from the batch-coupling check, which runs a row alone and in its batch.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: NEEDS_ATTENTION',
    'Batch composition dependence',
    ~/Backend: .*, training mode/,
    'Evidence: row 1 alone vs inside a batch of 4',
])
