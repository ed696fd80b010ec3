// Integration-test check of this project (the library's "mvn verify" builds it with maven-invoker-plugin; the main
// job runs it directly): the build passes, every sample test ran, and every printed audit report says PASS.
// Script output goes to build.log; the summary line is also written to the outer build's console.

File log = new File(basedir, 'build.log')
assert log.isFile(): "no build.log in ${basedir}"
String text = log.getText('UTF-8')
List<String> problems = []
if (!text.contains('BUILD SUCCESS')) {
    problems << 'the build did not succeed'
}
// Surefire's total: the last "Tests run" line without a class name after it.
def totals = (text =~ /(?m)Tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0\s*$/).collect { it[1] as int }
int tests = totals ? totals.last() : 0
int passed = text.count('OVERALL VERDICT: PASS')
int other = text.count('OVERALL VERDICT: FAIL') + text.count('OVERALL VERDICT: NEEDS_ATTENTION')
if (tests == 0) {
    problems << 'no test summary with zero failures, errors and skips'
}
if (other > 0) {
    problems << "${other} report(s) without a PASS verdict"
}
['DeepSetsTest', 'P4GroupCnnTest', 'EgnnTest', 'IrrepsNetTest', 'PairPotentialTest'].each { String c ->
    if (!text.contains("in dev.equivariance.samples.${c}")) {
        problems << "${c} did not run"
    }
}
String summary = "[samples] " + (problems ? 'UNEXPECTED: ' + problems.join('; ')
        : "build passed as expected: ${tests} tests, ${passed} audit reports with OVERALL VERDICT: PASS")
println summary
new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8').println(summary)
assert problems.isEmpty(): summary
return true
