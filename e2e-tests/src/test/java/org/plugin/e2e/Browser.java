package org.plugin.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for end-to-end journeys: Debian's headless Chromium driven through its
 * chromium-driver by Selenium (both installed by deploy/local/test), with a fresh profile each time
 * and every background connection off (the machines have no internet). Close it after use.
 *
 * <pre>
 * try (Browser browser = Browser.open()) {
 *     browser.go(url);
 *     browser.type(By.id("username"), "alice");
 *     browser.click(By.id("kc-login"));
 *     browser.waitForUrl(u -&gt; u.startsWith(redirect));
 * }
 * </pre>
 *
 * Environment: {@code PLUGIN_CHROMIUM} (/usr/bin/chromium), {@code PLUGIN_CHROMEDRIVER}
 * (/usr/bin/chromedriver).
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = Stack.env("PLUGIN_CHROMIUM", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = Stack.env("PLUGIN_CHROMEDRIVER", "/usr/bin/chromedriver");
    /** How long a step may take before the journey fails (pages of a busy 2-core machine). */
    public static final Duration STEP = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a headless Chromium with an empty profile. */
    public static Browser open() {
        Path profile;
        try {
            profile = Files.createTempDirectory("plugin-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1024",
                "--user-data-dir=" + profile);
        // the driver given explicitly: Selenium never looks for (or downloads) one itself
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(STEP);
            return new Browser(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String page() {
        return driver.getPageSource();
    }

    /** The element, once it is displayed. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, STEP).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the current URL matches; returns it. */
    public String waitForUrl(Predicate<String> condition) {
        new WebDriverWait(driver, STEP).until(d -> condition.test(d.getCurrentUrl()));
        return url();
    }

    /** Waits until the page's source matches; returns it. */
    public String waitForPage(Predicate<String> condition) {
        new WebDriverWait(driver, STEP).until(d -> condition.test(d.getPageSource()));
        return page();
    }

    /** Waits until the condition on the browser holds. */
    public void waitUntil(Predicate<WebDriver> condition) {
        new WebDriverWait(driver, STEP).until(condition::test);
    }

    /** Replaces the text of an input field. */
    public void type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
    }

    public void click(By by) {
        new WebDriverWait(driver, STEP).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
