"""AWS as eksctl sees it: clients for the endpoint the environment names (the moto
emulator in tests), and errors worded as aws-sdk-go-v2 words them:

  operation error <Service>: <Operation>, https response error StatusCode: <n>,
  RequestID: <id>, <api error>

where <api error> is `api error <Code>: <Message>` for errors the service model does not
declare (all of EC2's, CloudFormation's ValidationError) and `<Code>: <Message>` for
declared ones (EKS ResourceNotFoundException, ...) (smithy-go, aws/transport/http).
"""

import configparser
import os

from .out import Refused

SERVICE_IDS = {"ec2": "EC2", "eks": "EKS", "cloudformation": "CloudFormation", "sts": "STS"}
MODELED = {"eks": {"ResourceNotFoundException", "ResourceInUseException", "InvalidParameterException",
                   "InvalidRequestException", "ClientException", "ServerException"},
           "cloudformation": {"AlreadyExistsException", "LimitExceededException"}}


class AWSError(Exception):
    def __init__(self, text, code=None):
        super().__init__(text)
        self.code = code


def op_name(method):
    return "".join(p.capitalize() for p in method.split("_"))


def go_error(service, method, exc):
    """The Go SDK's text for a botocore error."""
    import botocore.exceptions as be
    sid = SERVICE_IDS.get(service, service)
    op = op_name(method)
    if isinstance(exc, be.ClientError):
        err = exc.response.get("Error", {})
        meta = exc.response.get("ResponseMetadata", {})
        code, msg = err.get("Code", ""), err.get("Message", "")
        status = meta.get("HTTPStatusCode", 400)
        rid = meta.get("RequestId", "")
        api = f"{code}: {msg}" if code in MODELED.get(service, ()) else f"api error {code}: {msg}"
        return AWSError(f"operation error {sid}: {op}, https response error StatusCode: {status}, "
                        f"RequestID: {rid}, {api}", code)
    if isinstance(exc, (be.EndpointConnectionError, be.ConnectionClosedError, be.ReadTimeoutError,
                        be.ConnectTimeoutError)):
        return AWSError(f"operation error {sid}: {op}, exceeded maximum number of attempts, 3, "
                        f"https response error StatusCode: 0, RequestID: , request send failed, {exc}", "connection")
    if isinstance(exc, be.NoCredentialsError):
        return AWSError(f"operation error {sid}: {op}, failed to sign request: failed to retrieve credentials: "
                        "failed to refresh cached credentials, no EC2 IMDS role found", "credentials")
    if exc.__class__.__name__ == "ResponseParserError":
        return AWSError(f"operation error {sid}: {op}, https response error StatusCode: 200, RequestID: , "
                        f"deserialization failed, failed to decode response body", "deserialization")
    return AWSError(f"operation error {sid}: {op}, {exc}", "other")


class ProfileMissing(Exception):
    pass


class Client:
    """A boto3 client whose calls raise AWSError with the Go SDK's wording."""

    def __init__(self, service, region, profile):
        import boto3
        import botocore.config
        import botocore.exceptions
        try:
            session = boto3.session.Session(profile_name=profile or None) if profile else boto3.session.Session()
        except botocore.exceptions.ProfileNotFound:
            raise ProfileMissing(profile)
        self.service = service
        self._c = session.client(service, region_name=region,
                                 config=botocore.config.Config(retries={"max_attempts": 2, "mode": "standard"},
                                                               connect_timeout=5, read_timeout=30))

    def __getattr__(self, method):
        fn = getattr(self._c, method)

        def call(**kw):
            try:
                return fn(**kw)
            except AWSError:
                raise
            except Exception as e:  # botocore errors, unreadable answers included
                raise go_error(self.service, method, e) from None
        return call

    def paginate(self, method, key, **kw):
        p = self._c.get_paginator(method)
        out = []
        try:
            for page in p.paginate(**kw):
                out.extend(page.get(key, []))
        except Exception as e:
            raise go_error(self.service, method, e) from None
        return out


def configured():
    """Whether this process is pointed at an AWS endpoint at all (tests: moto). Without
    an endpoint the model would talk to real AWS, which it never does."""
    return bool(os.environ.get("AWS_ENDPOINT_URL"))


def region_from_env(profile):
    """aws-sdk-go-v2 config.LoadDefaultConfig: AWS_REGION, AWS_DEFAULT_REGION, then the
    profile's `region` in the shared config file."""
    for k in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        if os.environ.get(k):
            return os.environ[k]
    path = os.environ.get("AWS_CONFIG_FILE") or os.path.join(os.environ.get("HOME", "/"), ".aws", "config")
    cp = configparser.ConfigParser()
    try:
        cp.read(path)
    except configparser.Error:
        return ""
    name = profile or os.environ.get("AWS_PROFILE") or "default"
    section = name if name == "default" else f"profile {name}"
    if cp.has_section(section):
        return cp.get(section, "region", fallback="")
    return ""


class AWS:
    """The clients one eksctl run uses (eks.New in pkg/eks/api.go)."""

    def __init__(self, region, profile):
        self.region, self.profile = region, profile
        self._clients = {}

    def __getattr__(self, service):
        if service.startswith("_"):
            raise AttributeError(service)
        if service not in self._clients:
            self._clients[service] = Client(service, self.region, self.profile)
        return self._clients[service]


def new(provider_region, profile, log):
    """eks.New @0.230.0: region from --region/metadata.region or the SDK's config, then
    STS GetCallerIdentity (checkAuth)."""
    region = provider_region or region_from_env(profile)
    if not region:
        raise Refused("AWS Region must be set, please set the AWS Region in AWS config file or as environment variable")
    aws = AWS(region, profile)
    try:
        out = aws.sts.get_caller_identity()
    except ProfileMissing:
        raise Refused(f"failed to get shared config profile, {profile}")
    except AWSError as e:
        raise Refused(f"checking AWS STS access \u2013 cannot get role ARN for current session: {e}")
    log.debug(f"role ARN for the current session is {out.get('Arn')!r}")
    return aws


def require_endpoint(call, why=""):
    """Without an endpoint (AWS_ENDPOINT_URL) the model stops, exit 2: it never talks to
    real AWS. `why` adds what else would have let it go on."""
    import sys
    if not configured():
        sys.stderr.write(f"eksctl-model: no AWS endpoint (AWS_ENDPOINT_URL) is set{why}: the model never talks to "
                         "real AWS\n")
        call.outcome, call.error = "unmodelled", "no AWS endpoint"
        call.write()
        sys.exit(2)


def existing_cluster(call, region, profile, name, log):
    """Cmd.NewProviderForExistingCluster (pkg/ctl/cmdutils/cmd.go @0.230.0): eks.New, then
    RefreshClusterStatus. Returns (aws, the DescribeCluster cluster). Without an endpoint
    the model stops (exit 2): it never talks to real AWS."""
    from .out import Refused as _Refused
    require_endpoint(call)
    try:
        aws = new(region, profile or os.environ.get("AWS_PROFILE"), log)
    except _Refused as e:
        raise _Refused(f"could not create cluster provider from options: {e}")
    try:
        cluster = aws.eks.describe_cluster(name=name)["cluster"]
    except AWSError as e:
        raise _Refused(f"unable to describe cluster control plane: {e}")
    return aws, cluster
