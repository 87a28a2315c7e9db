using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Debian's ChromeDriver through Selenium, headless. Both paths are given, so Selenium
/// Manager never runs (it would try to download a browser or driver). scripts/install-browser.sh installs them.
/// </summary>
public static class HeadlessChromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(int width = 1100, int height = 900)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
            throw new InvalidOperationException($"{Browser} and {Driver} are needed: run scripts/install-browser.sh (scripts/test.sh does)");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }

    /// <summary>A PNG of the current page under docs/screenshots (the README shows them).</summary>
    public static void Screenshot(IWebDriver driver, string name)
    {
        var folder = RepositoryRoot.Combine("docs", "screenshots");
        Directory.CreateDirectory(folder);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }
}
