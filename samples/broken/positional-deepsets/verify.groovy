// The build must fail, and its log must show these lines of the audit report.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Smallest failing element: Permutation[1 0 2 3 4 5 6 7 8 9]',
    'Custom layer bug',
    'positionalEmbedding',
    'Location: layer 01LambdaBlock',
])
