// The build must fail, and its log must show these lines of the audit report.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Smallest failing element: Translation(',
    'Padding / boundary effects',
    'Location: layer 01Conv2d',
])
