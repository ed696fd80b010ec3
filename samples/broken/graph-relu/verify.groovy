// The build must fail, and its log must show these lines of the audit report: the batch axis was found missing (no
// stacking of clouds), and the cause is the ReLU, not batch norm or nondeterminism.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Batch axis: none found',
    'Non-equivariant nonlinearity',
    'Location: layer 02LambdaBlock',
])
