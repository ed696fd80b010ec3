// The build must fail, and its log must show these lines of the audit report: the end-to-end audit passes (the
// forward pass is invariant), the gradient audit fails and names the parameter of the straight-through branch.
// Gradient failures are not shrunk, so the report has no counterexample element.
def expectFailure = evaluate(new File(basedir, '../verify-build-failure.groovy'))
return expectFailure(basedir, [
    'OVERALL VERDICT: FAIL',
    'Gradients break the symmetry',
    'Location: parameter 03h_weight',
    'Confirmed by the float64 cross-check',
    ~/END-TO-END TESTS:(?:(?!GRADIENT TEST:)[\s\S])*RESULT: PASS/,
    ~/GRADIENT TEST:(?:(?!COUNTEREXAMPLE:)[\s\S])*RESULT: FAIL/,
])
