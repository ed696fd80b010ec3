// The build must fail, and its log must show these lines of the audit report.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Smallest failing element: Rotation(',
    'Wrong output action',
    'Declared invariant, but the output transforms like the input',
    'Location: output #0',
])
