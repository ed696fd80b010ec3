// Integration-test check of this project (the library's "mvn verify" builds it with maven-invoker-plugin, once on
// the JUnit the library is built with and once each on the oldest and the newest it supports; the main job runs it
// directly): the build passes, every sample test ran on the expected JUnit, every printed audit report says PASS,
// Surefire's XML report keeps each test's audit summary, and the report index of both forks lists every audit.
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
['DeepSetsTest', 'P4GroupCnnTest', 'EgnnTest', 'IrrepsNetTest', 'PairPotentialTest', 'GraphNetTest'].each { String c ->
    if (!text.contains("in dev.equivariance.samples.${c}")) {
        problems << "${c} did not run"
    }
}

// The JUnit the tests ran on: the engine jar on Surefire's test class path (kept in each XML report's properties).
File reports = new File(basedir, 'target/surefire-reports')
List<File> xmls = (reports.listFiles() ?: []).findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
Set<String> junits = [] as Set
int testcases = 0
List<String> withoutSummary = []
xmls.each { File f ->
    String xml = f.getText('UTF-8')
    (xml =~ /junit-jupiter-engine-([0-9][^\/:"]*?)\.jar/).each { junits << it[1] }
    // Every test case's system-out keeps its audit's one-line summary (verdict, level, error, seed, replay).
    (xml =~ /(?s)<testcase name="([^"]*)"[^>]*?(\/>|>(.*?)<\/testcase>)/).each { m ->
        testcases++
        String body = m[3] ?: ''
        if (!(body =~ /\[equivariance\] \S+\(\): (PASS|property held)/)) {
            problems << "the Surefire XML of ${m[1]} (${f.name}) has no audit summary"
        }
    }
}
String junit = junits.size() == 1 ? junits.first() : junits.toString()
boolean expectVersion = binding.hasVariable('junitVersion') && junitVersion
if (xmls.isEmpty()) {
    problems << 'no Surefire XML reports'
} else if (expectVersion && junit != junitVersion) {
    problems << "the tests ran on JUnit ${junit}, not ${junitVersion}"
}

// forkCount = 2: the index page lists the audits of both JVMs.
File index = new File(basedir, 'target/equivariance-reports/index.html')
int listed = index.isFile() ? (index.getText('UTF-8') =~ /<tr><td><span class="badge/).size() : 0
if (listed != passed) {
    problems << "the report index lists ${listed} audits, the build printed ${passed} reports"
}

String summary = "[samples, JUnit ${junit}] " + (problems ? 'UNEXPECTED: ' + problems.join('; ')
        : "build passed as expected: ${tests} tests, ${passed} audit reports with OVERALL VERDICT: PASS, "
            + "${testcases} summaries in the Surefire XML, ${listed} audits in the index of both forks")
println summary
new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8').println(summary)
assert problems.isEmpty(): summary
return true
