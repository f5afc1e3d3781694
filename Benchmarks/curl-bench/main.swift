import Curl
