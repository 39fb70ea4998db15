-- Text for the bench's Atoms: sentences drawn from a domain vocabulary with a skewed (Zipf-like)
-- frequency, so that full-text search meets very common, common and rare words as it would in a
-- real catalog, plus a long tail of made-up product names (rare words). Deterministic after
-- setseed(). Session-local functions (pg_temp): nothing stays in the service's database.

-- Most frequent first: the rank decides how often a word is drawn.
CREATE TEMP TABLE bench_vocab AS SELECT ARRAY[
  'network', 'service', 'traffic', 'data', 'support', 'function', 'deployment', 'configuration', 'packet', 'control',
  'user', 'plane', 'interface', 'performance', 'test', 'metrics', 'edge', 'core', 'radio', 'slice',
  'container', 'cluster', 'latency', 'throughput', 'routing', 'gateway', 'session', 'policy', 'monitoring', 'security',
  'kubernetes', 'helm', 'image', 'release', 'protocol', 'signalling', 'management', 'orchestration', 'automation', 'telemetry',
  'bandwidth', 'scheduler', 'load', 'balancer', 'firewall', 'inspection', 'encryption', 'tunnel', 'subscriber', 'authentication',
  'registration', 'mobility', 'handover', 'beam', 'antenna', 'spectrum', 'carrier', 'frequency', 'channel', 'modulation',
  'access', 'transport', 'backhaul', 'fronthaul', 'midhaul', 'timing', 'synchronisation', 'clock', 'jitter', 'loss',
  'queue', 'buffer', 'shaping', 'marking', 'classification', 'filtering', 'mirroring', 'capture', 'analysis', 'dashboard',
  'alarm', 'event', 'log', 'trace', 'sampling', 'exporter', 'collector', 'storage', 'database', 'cache',
  'replication', 'failover', 'redundancy', 'availability', 'resilience', 'recovery', 'backup', 'upgrade', 'rollback', 'canary',
  'pipeline', 'build', 'artifact', 'registry', 'chart', 'operator', 'controller', 'agent', 'probe', 'sidecar',
  'mesh', 'proxy', 'ingress', 'egress', 'endpoint', 'discovery', 'resolver', 'dns', 'dhcp', 'address',
  'ipv6', 'ipv4', 'vlan', 'vxlan', 'gre', 'mpls', 'segment', 'bgp', 'ospf', 'isis',
  'nat', 'vpn', 'ipsec', 'tls', 'certificate', 'key', 'token', 'identity', 'federation', 'roaming',
  'billing', 'charging', 'quota', 'usage', 'record', 'accounting', 'analytics', 'prediction', 'model', 'inference',
  'training', 'dataset', 'anomaly', 'detection', 'optimisation', 'energy', 'power', 'saving', 'sleep', 'efficiency',
  'simulation', 'emulator', 'generator', 'benchmark', 'stress', 'conformance', 'interoperability', 'validation', 'verification', 'certification',
  'amf', 'smf', 'upf', 'ausf', 'udm', 'pcf', 'nrf', 'nssf', 'nef', 'nwdaf',
  'gnodeb', 'enodeb', 'ran', 'oran', 'ric', 'xapp', 'rapp', 'cu', 'du', 'ru',
  'mec', 'cdn', 'video', 'streaming', 'gaming', 'vehicle', 'drone', 'robot', 'factory', 'sensor',
  'iot', 'massive', 'ultra', 'reliable', 'low', 'broadband', 'enhanced', 'critical', 'private', 'campus',
  'satellite', 'non-terrestrial', 'multicast', 'broadcast', 'positioning', 'location', 'emergency', 'voice', 'ims', 'sip',
  'diameter', 'http2', 'grpc', 'rest', 'json', 'yaml', 'netconf', 'yang', 'gnmi', 'snmp',
  'openflow', 'p4', 'dpdk', 'sriov', 'xdp', 'ebpf', 'smartnic', 'fpga', 'gpu', 'accelerator',
  'numa', 'hugepages', 'cpu', 'pinning', 'isolation', 'realtime', 'kernel', 'driver', 'firmware', 'hypervisor',
  'virtual', 'machine', 'openstack', 'terraform', 'ansible', 'gitops', 'argo', 'flux', 'prometheus', 'grafana',
  'kafka', 'mqtt', 'redis', 'postgres', 'etcd', 'consul', 'vault', 'keycloak', 'oauth', 'oidc',
  'intent', 'closed-loop', 'self-healing', 'zero-touch', 'lifecycle', 'onboarding', 'catalog', 'descriptor', 'blueprint', 'template',
  'tenant', 'isolation', 'sharing', 'neutral', 'host', 'operator', 'vertical', 'industry', 'health', 'agriculture',
  'port', 'railway', 'airport', 'stadium', 'hospital', 'university', 'laboratory', 'testbed', 'trial', 'pilot'
] AS words;

CREATE TEMP TABLE bench_syllables AS SELECT ARRAY[
  'ka', 've', 'lo', 'mi', 'ru', 'ze', 'ta', 'no', 'pi', 'su', 'da', 'fe', 'go', 'hu', 'ji', 'ke', 'la', 'mo', 'ny', 'pa',
  'qui', 'ro', 'sa', 'te', 'vu', 'wa', 'xe', 'yo', 'zu', 'bri', 'cla', 'dro', 'fla', 'gri', 'kra', 'plo', 'tri', 'vro'
] AS s;

-- n words, one in twenty a made-up product name such as "kavelo" (the long tail: each is rare),
-- the others from the vocabulary with a skew that favours its first words; as sentences of about
-- ten words when sentences is true, else lower-case words separated by spaces.
CREATE FUNCTION pg_temp.bench_text(n int, sentences boolean DEFAULT true) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  w text[];
  s text[];
  nw int;
  ns int;
  word text;
  result text := '';
BEGIN
  SELECT words INTO w FROM bench_vocab;
  SELECT bench_syllables.s INTO s FROM bench_syllables;
  nw := array_length(w, 1);
  ns := array_length(s, 1);
  FOR i IN 1..n LOOP
    IF random() < 0.05 THEN
      word := s[1 + floor(random() * ns)::int] || s[1 + floor(random() * ns)::int] || s[1 + floor(random() * ns)::int];
    ELSE
      word := w[1 + floor(power(random(), 3.0) * nw)::int];
    END IF;
    IF sentences AND i % 10 = 1 THEN
      word := initcap(word);
    END IF;
    IF sentences AND (i % 10 = 0 OR i = n) THEN
      word := word || '.';
    END IF;
    result := CASE WHEN i = 1 THEN word ELSE result || ' ' || word END;
  END LOOP;
  RETURN result;
END
$$;
