package io.writebehind.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code writebehind.*} property into Boot's start-up report: what, where, what to do. */
class WriteBehindFailureAnalyzer extends AbstractFailureAnalyzer<WriteBehindConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WriteBehindConfigException cause) {
    return new FailureAnalysis("writebehind could not start: " + cause.getMessage(),
        "Fix the property " + cause.property() + " (see the writebehind.* properties), or the server it names.", cause);
  }
}
