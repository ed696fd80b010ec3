// Shared check of the broken samples' integration tests (maven-invoker-plugin runs "mvn clean test" in each broken
// project and then its verify.groovy, which calls this). It returns a closure taking the project directory and the
// texts the build log must contain (a String is searched as it is, a java.util.regex.Pattern with find()). The build must have failed because the audit failed: the project's one test
// ran and failed as an assertion (not as an error, not in compilation), with the audit report in the log.
//
// Script output goes to the project's build.log; the summary line is also written to the console of the outer
// build (the process's standard output) so that "mvn verify" shows what each broken build reported.

import java.util.regex.Pattern

return { File dir, List expected ->
    File log = new File(dir, 'build.log')
    assert log.isFile(): "no build.log in ${dir}"
    String text = log.getText('UTF-8')
    List<String> problems = []
    if (!text.contains('BUILD FAILURE')) {
        problems << 'the build did not fail'
    }
    if (!text.contains('Tests run: 1, Failures: 1, Errors: 0, Skipped: 0')) {
        problems << 'the audit test did not run and fail (expected "Tests run: 1, Failures: 1, Errors: 0, Skipped: 0")'
    }
    Closure<Boolean> matches = { String s, e -> e instanceof Pattern ? e.matcher(s).find() : s.contains(e) }
    expected.each { e ->
        if (!matches(text, e)) {
            problems << "the log lacks \"${e}\""
        }
    }
    // For each expected text, the first line of the log that shows it (patterns spanning lines are not shown).
    List<String> lines = text.readLines()
    List<String> found = expected.collect { e ->
        String hit = lines.find { matches(it, e) }
        hit != null ? hit.trim() : (matches(text, e) ? null : "(missing: ${e})")
    }.findAll { it != null }
    String summary = "[broken sample ${dir.name}] " + (problems ? 'UNEXPECTED: ' + problems.join('; ')
            : 'build failed as expected: ' + found.join(' | '))
    println summary
    new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8').println(summary)
    assert problems.isEmpty(): summary
    return true
}
