// The build must fail, and its log must show these lines of the audit report.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Smallest failing element: Rotation(',
    'Non-equivariant nonlinearity',
    'Location: layer 02LambdaBlock',
    '<-- first breaking layer',
])
