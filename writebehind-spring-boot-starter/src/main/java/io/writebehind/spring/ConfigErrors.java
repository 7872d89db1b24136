package io.writebehind.spring;

import java.util.function.Supplier;

/** Runs one builder step and names the property whose value it refused. */
final class ConfigErrors {
  private ConfigErrors() {}

  static <T> T at(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (WriteBehindConfigException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException | org.springframework.beans.BeansException e) {
      throw new WriteBehindConfigException(property, e.getMessage(), e);
    } catch (RuntimeException e) {
      // the server or the database refused: not a property's fault, but say which part failed
      throw new WriteBehindConfigException(property, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
