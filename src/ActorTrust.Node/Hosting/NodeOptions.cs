using Microsoft.Extensions.Configuration;

namespace ActorTrust.Node.Hosting;

/// <summary>Settings of one node (bound from <c>actortrust.node</c>).</summary>
public sealed class NodeOptions
{
    /// <summary>Where the embedded journal and the node key live.</summary>
    [ConfigurationKeyName("data-dir")]
    public string DataDir { get; set; } = "./data";

    /// <summary>The address the client API listens on.</summary>
    [ConfigurationKeyName("urls")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Accept <c>manifest-dev</c> subjects and other development conveniences. Never in production.</summary>
    [ConfigurationKeyName("dev-mode")]
    public bool DevMode { get; set; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    [ConfigurationKeyName("max-request-body")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events returned by one feed or stream page.</summary>
    [ConfigurationKeyName("max-page-size")]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            throw new ArgumentException("actortrust.node.data-dir must name a directory");
        }

        if (!Uri.TryCreate(Urls, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new ArgumentException($"actortrust.node.urls '{Urls}' must be an http(s) URL");
        }

        if (MaxRequestBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ArgumentException("actortrust.node.max-request-body must be between 1 KiB and 64 MiB");
        }

        if (MaxPageSize is < 1 or > 10_000)
        {
            throw new ArgumentException("actortrust.node.max-page-size must be between 1 and 10000");
        }
    }
}
